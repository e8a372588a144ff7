//! The store contract suite: the same tests against every backend, so that the backends are
//! proven to agree (style.md habit 9). Each test is an `async fn(Backend)` in a module by
//! concern; `contract_tests!` makes one `#[tokio::test]` of it per backend, so a test reads
//! `sqlite::single_use_under_a_race_signs_in_once` or `postgres::…`. Every test opens its own
//! database through `startup::open_stores`, as the server does, and moves a fixed clock by
//! hand: nothing depends on timing. Races run on a multi-threaded runtime.
//!
//! PostgreSQL runs on a throwaway cluster this process starts (`tests/support/postgres.rs`);
//! `cargo test --test store_contract sqlite` runs the SQLite half alone.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure

mod support;

mod address_changes;
mod back_off;
mod code_attempts;
mod ip_limits;
mod issuing;
mod kratos_requests;
mod limits;
mod open;
mod outbox;
mod purge;
mod recipients;
mod sessions;
mod single_use;
mod trail;
mod voiding;

/// One `#[tokio::test]` per contract test for `$backend`: `plain` ones on the default
/// single-threaded runtime, `races` on four worker threads.
macro_rules! contract_tests {
    (
        @tests backend: $backend:expr;
        plain: { $($pm:ident :: $pt:ident),* $(,)? }
        races: { $($rm:ident :: $rt:ident),* $(,)? }
    ) => {
        $(
            #[tokio::test]
            async fn $pt() {
                crate::$pm::$pt($backend).await
            }
        )*
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn $rt() {
                crate::$rm::$rt($backend).await
            }
        )*
    };
    ($backend:expr) => {
        contract_tests! {
            @tests backend: $backend;
            plain: {
                issuing::a_second_request_within_the_cooldown_keeps_the_newest_live_credential,
                issuing::a_cooldown_after_signing_in_names_no_credential,
                issuing::the_hourly_budget_refuses_with_the_wait_until_its_window_ends,
                issuing::the_daily_budget_counts_every_address_and_renews_at_midnight_utc,
                issuing::sends_within_one_second_each_count_against_the_day,
                issuing::a_trusted_browser_skips_the_hourly_budget_and_the_back_off_not_the_cooldown,
                issuing::a_newer_credential_supersedes_the_older_one,
                recipients::an_unknown_address_among_accounts_gets_a_credential_that_never_works,
                recipients::an_address_decided_unknown_gets_a_credential_that_never_works,
                recipients::an_address_decided_known_is_sent_its_email_and_signs_in,
                recipients::mail_to_an_account_goes_to_its_address_of_record,
                single_use::a_redeemed_link_voids_its_code_and_a_redeemed_code_its_link,
                single_use::signing_in_names_the_account_the_address_and_where_to_go,
                single_use::a_credential_works_until_its_expiry_and_not_at_it,
                single_use::an_unknown_token_or_credential_is_refused_as_unknown,
                single_use::reading_a_credential_shows_it_and_never_consumes_it,
                single_use::release_makes_a_redeemed_credential_redeemable_again,
                single_use::release_never_revives_a_superseded_credential,
                code_attempts::wrong_codes_count_down_and_the_last_try_ends_the_credential,
                code_attempts::entries_that_do_not_use_tries_leave_the_count_alone,
                code_attempts::a_code_works_only_for_its_own_credential,
                code_attempts::a_wrong_code_also_counts_against_the_address,
                back_off::wrong_codes_past_the_threshold_hold_the_address_for_thirty_seconds,
                back_off::the_back_off_doubles_with_each_failure_up_to_its_cap,
                back_off::failures_an_hour_after_the_last_one_start_the_count_again,
                back_off::a_known_device_is_never_held_by_the_back_off,
                back_off::the_asking_browser_is_held_only_after_its_own_wrong_code,
                back_off::the_asking_browser_signs_in_despite_others_failures,
                back_off::a_link_is_not_held_by_the_back_off_and_signing_in_lifts_it,
                back_off::clearing_failures_lifts_the_back_off,
                limits::count_send_applies_the_cooldown_and_the_hourly_budget,
                limits::count_send_is_refused_during_the_back_off_unless_trusted,
                limits::uncount_send_gives_back_the_cooldown_and_the_days_budget,
                limits::uncount_send_takes_back_only_the_send_counted_at_that_moment,
                limits::uncounted_sends_give_back_the_hourly_budget,
                limits::record_failure_and_locked_for_share_the_back_off_of_codes,
                outbox::a_claim_leases_rows_and_a_lapsed_lease_is_claimable_again,
                outbox::sent_rows_drop_their_payload_and_are_never_claimed_again,
                outbox::retry_at_requeues_a_row_for_later,
                outbox::a_failed_row_drops_its_payload_and_shows_as_failed,
                outbox::an_enqueued_courier_email_is_claimable,
                outbox::stats_count_pending_failed_and_todays_emails,
                sessions::a_saved_session_loads_updates_and_is_deleted,
                sessions::updating_a_deleted_session_does_not_bring_it_back,
                sessions::a_session_expires_at_its_time_and_touching_extends_it,
                sessions::a_session_saved_signed_in_keeps_its_account_id,
                sessions::session_keys_are_opaque_bytes,
                sessions::loading_returns_the_stored_expiry_in_whole_seconds,
                sessions::touching_never_moves_the_expiry_back,
                sessions::an_accounts_live_sessions_are_listed_and_ended,
                kratos_requests::a_recorded_request_is_found_by_its_flow,
                kratos_requests::recording_the_same_flow_again_refreshes_it,
                kratos_requests::a_request_is_marked_used_once,
                kratos_requests::the_latest_request_is_the_newest_live_one_for_the_address,
                kratos_requests::voiding_a_request_holds_its_address_once_and_answers_again_the_same,
                kratos_requests::an_unknown_or_expired_unused_request_is_refused_and_a_used_one_voided_later,
                purge::sign_in_purge_deletes_credentials_past_expiry_and_grace_with_their_emails,
                purge::limits_purge_deletes_counters_whose_window_and_day_are_over,
                purge::outbox_purge_fails_emails_past_their_deadline_and_deletes_old_courier_rows,
                purge::sessions_purge_deletes_sessions_expired_longer_than_grace,
                purge::kratos_requests_purge_deletes_requests_expired_longer_than_grace,
                purge::purge_removes_what_has_expired_and_keeps_what_is_live,
                open::a_fresh_store_answers_a_ping_and_holds_nothing,
                open::reopening_a_store_keeps_its_rows_and_its_answers,
                ip_limits::a_burst_is_allowed_then_each_address_waits_for_its_next_turn,
                voiding::voiding_an_unused_credential_refuses_its_link_and_its_code_and_holds_the_address,
                voiding::voiding_a_used_credential_names_the_account_that_signed_in_with_it,
                voiding::an_unknown_token_or_one_that_expired_unused_is_refused_and_changes_nothing,
                voiding::voiding_twice_changes_nothing_the_second_time,
                voiding::a_hold_keeps_a_longer_back_off_and_wrong_codes_never_shorten_it,
                address_changes::the_account_moves_only_when_the_new_address_proves_itself,
                address_changes::wrong_codes_count_down_and_the_right_one_moves_the_account,
                address_changes::a_change_expires_and_a_newer_one_replaces_it,
                address_changes::an_address_another_account_has_moves_nothing,
                address_changes::undo_restores_the_old_address_whatever_happened_since,
                address_changes::undo_refuses_when_another_account_took_the_old_address,
                address_changes::purge_deletes_changes_past_their_window_with_their_emails,
                trail::the_trail_lists_the_newest_events_first_up_to_the_limit,
                trail::an_account_sees_only_its_own_events,
                trail::an_address_or_a_credential_records_on_its_account_and_nothing_without_one,
                trail::issuing_to_an_account_records_the_request_with_its_browser_and_masked_ip,
                trail::purge_deletes_events_once_they_are_as_old_as_the_retention,
            }
            races: {
                issuing::fifty_concurrent_requests_never_exceed_the_daily_budget,
                issuing::concurrent_requests_for_one_address_issue_once,
                limits::concurrent_sends_never_exceed_the_daily_budget,
                limits::concurrent_sends_to_one_address_count_once,
                single_use::single_use_under_a_race_signs_in_once,
                single_use::the_right_code_under_a_race_signs_in_once,
                code_attempts::concurrent_wrong_codes_never_exceed_max_attempts,
                outbox::claimers_in_two_instances_claim_each_of_two_hundred_rows_exactly_once,
                ip_limits::concurrent_requests_through_two_instances_share_a_bucket_only_on_redis,
                voiding::voiding_and_redeeming_under_a_race_end_one_way_or_the_other,
            }
        }
    };
}

mod sqlite {
    contract_tests!(crate::support::Backend::Sqlite);
}

mod postgres {
    contract_tests!(crate::support::Backend::Postgres);
}

/// SQLite with Redis holding what it takes over (the per-IP limit, the sessions): those tests
/// once more, on Redis.
mod redis {
    use crate::support::Backend::Redis;

    #[tokio::test]
    async fn a_burst_is_allowed_then_each_address_waits_for_its_next_turn() {
        crate::ip_limits::a_burst_is_allowed_then_each_address_waits_for_its_next_turn(Redis).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_requests_through_two_instances_share_a_bucket_only_on_redis() {
        crate::ip_limits::concurrent_requests_through_two_instances_share_a_bucket_only_on_redis(
            Redis,
        )
        .await
    }

    #[tokio::test]
    async fn with_redis_down_the_limit_fails_closed_and_recovers_by_itself() {
        crate::ip_limits::with_redis_down_the_limit_fails_closed_and_recovers_by_itself(Redis).await
    }

    #[tokio::test]
    async fn a_fresh_store_answers_a_ping_and_holds_nothing() {
        crate::open::a_fresh_store_answers_a_ping_and_holds_nothing(Redis).await
    }

    /// The session tests, each once more on Redis.
    macro_rules! on_redis {
        ($($test:ident),* $(,)?) => {
            $(
                #[tokio::test]
                async fn $test() {
                    crate::sessions::$test(Redis).await
                }
            )*
        };
    }

    /// The trail stays in SQL with Redis configured: its tests once more in that shape.
    macro_rules! trail_on_redis {
        ($($test:ident),* $(,)?) => {
            $(
                #[tokio::test]
                async fn $test() {
                    crate::trail::$test(Redis).await
                }
            )*
        };
    }

    trail_on_redis!(
        the_trail_lists_the_newest_events_first_up_to_the_limit,
        an_account_sees_only_its_own_events,
        an_address_or_a_credential_records_on_its_account_and_nothing_without_one,
        issuing_to_an_account_records_the_request_with_its_browser_and_masked_ip,
        purge_deletes_events_once_they_are_as_old_as_the_retention,
    );

    on_redis!(
        a_saved_session_loads_updates_and_is_deleted,
        updating_a_deleted_session_does_not_bring_it_back,
        a_session_expires_at_its_time_and_touching_extends_it,
        session_keys_are_opaque_bytes,
        loading_returns_the_stored_expiry_in_whole_seconds,
        touching_never_moves_the_expiry_back,
        an_accounts_sessions_are_listed_by_expiry_in_redis,
        an_accounts_live_sessions_are_listed_and_ended,
    );
}

/// What only PostgreSQL has: connection parameters and a server to reach.
mod postgres_only {
    use iris::config::StoreSettings;
    use std::time::Duration;

    async fn open(url: String) -> String {
        let settings = StoreSettings {
            url: url.parse().unwrap(),
            timeout: Duration::from_secs(3),
            ..StoreSettings::default()
        };
        let quota = crate::support::IP_QUOTA;
        match iris::startup::open_stores(&settings, quota, std::sync::Arc::new(())).await {
            Ok(_) => panic!("opened"),
            Err(e) => format!("{e} / {e:?}"),
        }
    }

    /// `sslmode` is honoured: `require` against a server without TLS is refused, never
    /// quietly sent in clear; the error names the key and not the password.
    #[tokio::test]
    async fn sslmode_require_refuses_a_server_without_tls() {
        let url = tokio::task::spawn_blocking(|| {
            crate::support::cluster::Postgres::shared().fresh_db("sslmode")
        })
        .await
        .unwrap();
        let url = url
            .replace("postgres@", "postgres:pg-s3cr3t@")
            .replace("sslmode=disable", "sslmode=require");
        let error = open(url).await;
        assert!(
            error.starts_with("store.url: cannot open the database"),
            "{error}"
        );
        assert!(error.to_lowercase().contains("tls"), "{error}");
        assert!(!error.contains("pg-s3cr3t"), "{error}");
    }

    /// A server that is not there: the error names the key, never the password.
    #[tokio::test]
    async fn an_unreachable_server_is_named_by_key_without_its_password() {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let error = open(format!("postgres://iris:pg-s3cr3t@127.0.0.1:{port}/iris")).await;
        assert!(
            error.starts_with("store.url: cannot open the database"),
            "{error}"
        );
        assert!(!error.contains("pg-s3cr3t"), "{error}");
    }
}
