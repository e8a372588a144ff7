//! Requests Iris made to Kratos for a browser.
use crate::support::*;
use iris::store::KratosRequest;

fn request(flow_id: &str, email: &str, requested_secs: i64) -> KratosRequest {
    KratosRequest {
        flow_id: flow_id.into(),
        email: email.into(),
        locale: "en".into(),
        requested_by: "Firefox on Linux".into(),
        requested_at: at(requested_secs).unix_timestamp(),
        return_to: "/welcome".into(),
        expires_at: at(requested_secs + TTL).unix_timestamp(),
        used_at: None,
        voided_at: None,
    }
}

async fn record(f: &Fixture, r: &KratosRequest) {
    let key = email_address(&r.email).canonical().to_owned();
    f.stores
        .kratos_requests
        .record_request(r, &key)
        .await
        .unwrap();
}

async fn by_flow(f: &Fixture, flow_id: &str) -> Option<KratosRequest> {
    f.stores
        .kratos_requests
        .request_by_flow(flow_id)
        .await
        .unwrap()
}

pub async fn a_recorded_request_is_found_by_its_flow(b: Backend) {
    let f = Fixture::open(b).await;
    let r = request("flow-1", "Ann@example.com", 0);
    record(&f, &r).await;
    assert_eq!(by_flow(&f, "flow-1").await, Some(r));
    assert_eq!(by_flow(&f, "flow-2").await, None);
}

pub async fn recording_the_same_flow_again_refreshes_it(b: Backend) {
    let f = Fixture::open(b).await;
    record(&f, &request("flow-1", "ann@example.com", 0)).await;
    let resend = KratosRequest {
        locale: "de".into(),
        requested_by: "Chrome on Android".into(),
        ..request("flow-1", "ann@example.com", 90)
    };
    record(&f, &resend).await;
    assert_eq!(by_flow(&f, "flow-1").await, Some(resend));
    assert_eq!(f.count("kratos_requests"), 1);
}

pub async fn a_request_is_marked_used_once(b: Backend) {
    let f = Fixture::open(b).await;
    record(&f, &request("flow-1", "ann@example.com", 0)).await;
    let requests = &f.stores.kratos_requests;
    requests.mark_request_used("flow-1", at(5)).await.unwrap();
    requests.mark_request_used("flow-1", at(9)).await.unwrap();
    requests
        .mark_request_used("no-such-flow", at(9))
        .await
        .unwrap();
    let used = by_flow(&f, "flow-1").await.unwrap();
    assert_eq!(
        used.used_at,
        Some(at(5).unix_timestamp()),
        "the first time stays"
    );
    assert_eq!(f.count("kratos_requests"), 1);
}

async fn latest(f: &Fixture, secs: i64) -> Option<String> {
    f.stores
        .kratos_requests
        .latest_request("ann@example.com", at(secs))
        .await
        .unwrap()
        .map(|r| r.flow_id)
}

pub async fn the_latest_request_is_the_newest_live_one_for_the_address(b: Backend) {
    let f = Fixture::open(b).await;
    assert_eq!(latest(&f, 0).await, None);
    record(&f, &request("old", "ann@example.com", 0)).await;
    record(&f, &request("new", "Ann@Example.com", 100)).await;
    record(&f, &request("other", "bob@example.com", 200)).await;
    assert_eq!(latest(&f, 150).await.as_deref(), Some("new"));
    // Once the newest has expired nothing is live: an older one expired before it.
    assert_eq!(latest(&f, 100 + TTL).await, None);
    // Refreshing the old flow makes it the newest.
    record(&f, &request("old", "ann@example.com", 300)).await;
    assert_eq!(latest(&f, 310).await.as_deref(), Some("old"));
    assert_eq!(latest(&f, 100 + TTL).await.as_deref(), Some("old"));
}

/// "This wasn't me" on a Kratos request: marked voided once, its address held; a second time
/// answers the same, marked `again`, renewing nothing.
pub async fn voiding_a_request_holds_its_address_once_and_answers_again_the_same(b: Backend) {
    use iris::store::RequestVoiding;
    let f = Fixture::open(b).await;
    record(&f, &request("flow-1", "Ann@example.com", 0)).await;
    let hold = std::time::Duration::from_secs(3600);
    let requests = &f.stores.kratos_requests;
    let first = requests.void_request("flow-1", hold, at(10)).await.unwrap();
    let RequestVoiding::Voided { request, again } = first else {
        panic!("expected the request voided, got {first:?}");
    };
    assert_eq!((request.flow_id.as_str(), again), ("flow-1", false));
    assert_eq!(request.voided_at, None, "as it was read");
    let stored = by_flow(&f, "flow-1").await.unwrap();
    assert_eq!(stored.voided_at, Some(at(10).unix_timestamp()));
    assert_eq!(f.locked_for("ann@example.com", at(10)).await, Some(3600));

    let second = requests.void_request("flow-1", hold, at(20)).await.unwrap();
    assert!(
        matches!(second, RequestVoiding::Voided { again: true, .. }),
        "{second:?}"
    );
    assert_eq!(f.locked_for("ann@example.com", at(20)).await, Some(3590));
}

/// Unknown flows and requests that expired unused are refused; a used one can be voided after
/// it expired (its session may still be live).
pub async fn an_unknown_or_expired_unused_request_is_refused_and_a_used_one_voided_later(
    b: Backend,
) {
    use iris::domain::credential::VoidRefusal;
    use iris::store::RequestVoiding;
    let f = Fixture::open(b).await;
    let hold = std::time::Duration::from_secs(3600);
    let requests = &f.stores.kratos_requests;
    let refused = |v: RequestVoiding| match v {
        RequestVoiding::Refused(why) => why,
        other => panic!("expected a refusal, got {other:?}"),
    };
    let unknown = requests.void_request("nope", hold, at(0)).await.unwrap();
    assert_eq!(refused(unknown), VoidRefusal::Unknown);
    record(&f, &request("unused", "ann@example.com", 0)).await;
    let expired = requests
        .void_request("unused", hold, at(TTL))
        .await
        .unwrap();
    assert_eq!(refused(expired), VoidRefusal::Expired);
    assert_eq!(f.locked_for("ann@example.com", at(TTL)).await, None);

    record(&f, &request("used", "bob@example.com", 0)).await;
    requests.mark_request_used("used", at(5)).await.unwrap();
    let later = requests
        .void_request("used", hold, at(TTL + 60))
        .await
        .unwrap();
    assert!(
        matches!(&later, RequestVoiding::Voided { request, again: false } if request.used_at.is_some()),
        "{later:?}"
    );
}
