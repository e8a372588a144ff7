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
