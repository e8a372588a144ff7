//! Single use across instances (SECURITY.md item 4): however many confirms of one link race on
//! both instances, one signs in.
use crate::harness::Pair;
use crate::helpers::{hidden, Browser, Page};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Barrier;

const LINKS: usize = 50;
const CONFIRMS: usize = 20;

/// 50 links, each confirmed by 20 browsers at once, alternating A and B: exactly one confirm
/// per link signs in (303, and whoami on the other instance names its address), the other 19
/// get "already used" (410), and the database holds exactly 50 sessions, all signed in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_links_confirmed_twenty_times_each_on_both_instances_make_exactly_fifty_sessions() {
    let pair = Pair::start(&[]).await;
    let (on_a, on_b) = pair.browsers();
    let token = on_a.get("/login").await.csrf();
    let addresses: Vec<String> = (0..LINKS).map(|i| format!("link{i}@example.com")).collect();
    for (i, address) in addresses.iter().enumerate() {
        let asker = if i % 2 == 0 { &on_a } else { &on_b };
        let res = asker
            .post("/login", &[("csrf_token", &token), ("email", address)])
            .await;
        assert_eq!(res.status, 303, "{address}: {}", res.text());
    }
    pair.wait_received(LINKS, Duration::from_secs(120)).await;
    let links: HashMap<String, String> = pair
        .deliveries()
        .into_iter()
        .map(|d| (d.to, d.mail.link()))
        .collect();
    assert_eq!(links.len(), LINKS);

    // Each browser opens its link's page (GET burns nothing), then the 20 of one link press
    // "confirm" together.
    let mut tasks = Vec::new();
    for (i, address) in addresses.iter().enumerate() {
        let barrier = Arc::new(Barrier::new(CONFIRMS));
        for j in 0..CONFIRMS {
            let instance = pair.instance(i + j);
            let browser = instance.browser();
            let url = pair.at(instance, &links[address]);
            let barrier = barrier.clone();
            tasks.push(tokio::spawn(async move {
                let page = browser.get(&url).await;
                let form = (page.status == 200)
                    .then(|| (page.csrf(), hidden(&page.body, "token").unwrap()));
                // Everyone waits, even after a failed GET, so no task is left at the barrier.
                barrier.wait().await;
                let (csrf, token) = form.unwrap_or_else(|| panic!("confirm page: {page:?}"));
                let res = browser
                    .post("/login/link", &[("csrf_token", &csrf), ("token", &token)])
                    .await;
                (i, j, browser, res)
            }));
        }
    }
    let mut results: Vec<(usize, usize, Browser, Page)> = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }

    let mut signed_in_per_link = vec![0; LINKS];
    let mut used = 0;
    for (i, j, browser, res) in &results {
        match res.status {
            303 => {
                assert_eq!(res.location(), Some("/"), "link {i}");
                signed_in_per_link[*i] += 1;
                // The session works on the other instance too.
                let other = pair.instance(i + j + 1);
                let elsewhere = Browser {
                    base: other.base.clone(),
                    client: browser.client.clone(),
                };
                let (status, who) = elsewhere.whoami().await;
                assert_eq!(status, 200, "link {i}");
                assert_eq!(who["email"], addresses[*i].as_str());
            }
            410 => {
                assert!(
                    res.text().contains("This link was already used"),
                    "{}",
                    res.text()
                );
                used += 1;
            }
            other => panic!("link {i}, confirm {j}: {other}: {}", res.text()),
        }
    }
    assert_eq!(signed_in_per_link, vec![1; LINKS], "one sign-in per link");
    assert_eq!(used, LINKS * (CONFIRMS - 1));

    assert_eq!(
        pair.sql("SELECT count(*) FROM sessions WHERE account_id IS NOT NULL"),
        LINKS.to_string()
    );
    assert_eq!(
        pair.sql("SELECT count(*) FROM sessions"),
        LINKS.to_string(),
        "a refused confirm leaves no session row"
    );
    assert_eq!(
        pair.sql("SELECT count(DISTINCT account_id) FROM sessions"),
        LINKS.to_string()
    );
    assert_eq!(
        pair.sql("SELECT count(*) FROM credentials WHERE outcome = 'signed_in'"),
        LINKS.to_string()
    );
    assert_eq!(pair.sql("SELECT count(*) FROM accounts"), LINKS.to_string());
}
