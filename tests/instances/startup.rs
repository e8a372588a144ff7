//! Migrations when instances start together (design.md §3: they take sqlx's advisory lock).
use crate::harness::Pair;

/// The versions of migrations/postgres/, from the files' names (`0001_init.sql` → 1).
fn migration_versions() -> Vec<i64> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres");
    let mut versions: Vec<i64> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".sql")?.split('_').next()?.parse().ok()
        })
        .collect();
    versions.sort_unstable();
    versions
}

/// Three times, on an empty database: A and B are started at the same moment; both come up
/// and serve, `_sqlx_migrations` holds each version of migrations/postgres/ once and
/// successful, and neither log has an error or a warning. (Without the advisory lock the
/// second runner would not record a version twice, it would fail: on `CREATE TABLE` or on
/// the table's primary key. So "both start, no error" is the proof, the rows the check.)
#[tokio::test]
async fn two_instances_starting_together_on_an_empty_database_migrate_it_once() {
    let versions = migration_versions();
    assert!(!versions.is_empty());
    for round in 0..3 {
        let pair = Pair::start(&[]).await;
        let rows = pair
            .sql("SELECT version, count(*), bool_and(success) FROM _sqlx_migrations GROUP BY version ORDER BY version");
        let expected: Vec<String> = versions.iter().map(|v| format!("{v}|1|t")).collect();
        assert_eq!(rows, expected.join("\n"), "round {round}");
        for instance in [&pair.a, &pair.b] {
            assert_eq!(instance.browser().get("/login").await.status, 200);
            let log = instance.log();
            assert!(log.contains("Iris listening on"), "{log}");
            // Levels as the text log writes them (coloured: no spaces to rely on).
            for bad in ["ERROR", "WARN", "error:", "panicked"] {
                assert!(
                    !log.contains(bad),
                    "round {round}, {}: {log}",
                    instance.name
                );
            }
        }
    }
}
