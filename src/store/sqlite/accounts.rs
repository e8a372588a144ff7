//! Accounts: found or created at sign-in, inside the redeeming transaction.
use crate::domain::credential::Account;
use crate::secrets::random_id;
use crate::store::rules::stored_email;
use crate::store::StoreResult;
use sqlx::SqliteConnection;

/// Finds or creates (sign-up on first use) the account, and clears its failure count.
pub(super) async fn sign_in_account(
    conn: &mut SqliteConnection,
    email: &str,
    key: &str,
    now_s: i64,
) -> StoreResult<Account> {
    sqlx::query(
        "INSERT INTO accounts (id, email, email_key, created_at) VALUES (?, ?, ?, ?) \
         ON CONFLICT (email_key) DO NOTHING",
    )
    .bind(random_id())
    .bind(email)
    .bind(key)
    .bind(now_s)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM account_failures WHERE email_key = ?")
        .bind(key)
        .execute(&mut *conn)
        .await?;
    let (id, email): (String, String) =
        sqlx::query_as("SELECT id, email FROM accounts WHERE email_key = ?")
            .bind(key)
            .fetch_one(&mut *conn)
            .await?;
    Ok(Account {
        id,
        email: stored_email(&email)?,
    })
}
