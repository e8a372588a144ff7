//! Changing the account's address (SECURITY.md item 28): a fresh session asks, the new address
//! proves itself, the old one is told and can undo it; sessions end on the way.
use crate::helpers::*;
use regex::Regex;

/// The address-change link of `kind` (`confirm` or `undo`) in an email.
fn change_link(mail: &Mail, kind: &str) -> String {
    Regex::new(&format!(
        r"https?://\S+/account/email/{kind}\?token=[A-Za-z0-9_-]+"
    ))
    .unwrap()
    .find(&mail.text)
    .unwrap_or_else(|| panic!("a {kind} link in {}", mail.text))
    .as_str()
    .to_owned()
}

async fn signed_in(app: &TestApp, email: &str) -> Browser {
    let b = app.browser();
    let mail = app.request_email(&b, email).await;
    assert_eq!(b.confirm_link(&mail.link()).await.status, 303);
    b
}

/// Asks for a change to `new` and returns the email the new address got.
async fn ask(app: &TestApp, b: &Browser, new: &str) -> Mail {
    let before = app.sink().messages().len();
    let res = b
        .submit("/account/email", "/account/email", &[("email", new)])
        .await;
    assert_eq!(
        (res.status, res.location()),
        (303, Some("/account/email/check")),
        "{}",
        res.text()
    );
    let mail = app.sink().wait_for(before + 1).await.pop().unwrap();
    assert_eq!(mail.rcpt_tos.len(), 1);
    assert!(
        mail.rcpt_tos[0].eq_ignore_ascii_case(new),
        "{:?}",
        mail.rcpt_tos
    );
    mail
}

async fn post_token(b: &Browser, link: &str, action: &str) -> Page {
    let page = b.get(link).await;
    assert_eq!(page.status, 200, "{}", page.text());
    let token = hidden(&page.body, "token").unwrap();
    b.post(action, &[("csrf_token", &page.csrf()), ("token", &token)])
        .await
}

#[tokio::test]
async fn the_new_address_code_moves_the_account_and_the_old_address_is_told() {
    let app = spawn_app().await;
    let laptop = signed_in(&app, "ann@example.com").await;
    let (_, before) = laptop.whoami().await;
    app.clock.advance(time::Duration::seconds(61));
    let phone = signed_in(&app, "ann@example.com").await;
    let home = laptop.get("/").await.text();
    assert!(home.contains("Change your email address"), "{home}");

    let form = laptop.get("/account/email").await;
    assert!(form.text().contains("Your address is ann@example.com"));
    assert!(form.text().contains("New email address"));
    let mail = ask(&app, &laptop, "Ann.New@Example.com").await;
    assert!(
        mail.subject.contains("Confirm your new address"),
        "{}",
        mail.subject
    );
    let confirm = change_link(&mail, "confirm");
    assert!(confirm.starts_with(&app.settings.server.public_url.to_string()));
    assert_eq!(
        laptop.whoami().await.1["email"],
        "ann@example.com",
        "nothing moves before the new address proves itself"
    );
    let check = laptop.get("/account/email/check").await;
    assert!(
        check.text().contains("a***@example.com"),
        "{}",
        check.text()
    );

    let wrong = laptop
        .submit(
            "/account/email/check",
            "/account/email/code",
            &[("code", mail.wrong_code())],
        )
        .await;
    assert_eq!(wrong.status, 400);
    assert!(
        wrong.text().contains("That code isn't right"),
        "{}",
        wrong.text()
    );
    let before_notice = app.sink().messages().len();
    let done = laptop
        .submit(
            "/account/email/check",
            "/account/email/code",
            &[("code", &mail.code())],
        )
        .await;
    assert_eq!(
        (done.status, done.location()),
        (303, Some("/?ended=address"))
    );
    let (status, me) = laptop.whoami().await;
    assert_eq!(
        (status, me["email"].as_str()),
        (200, Some("Ann.New@example.com"))
    );
    assert_eq!(me["id"], before["id"], "the same account");
    assert_eq!(phone.whoami().await.0, 401, "every other session ended");
    let home = laptop.get("/?ended=address").await.text();
    assert!(home.contains("Your email address is changed."), "{home}");
    assert!(
        home.contains("Email address changed"),
        "on the trail: {home}"
    );

    let notice = app.sink().wait_for(before_notice + 1).await.pop().unwrap();
    assert_eq!(notice.rcpt_tos, vec!["ann@example.com"]);
    assert!(
        notice.subject.contains("address was changed"),
        "{}",
        notice.subject
    );
    assert!(notice.text.contains("a***@example.com"), "{}", notice.text);
    assert!(!notice.text.contains("Ann.New@"), "the new address masked");
    change_link(&notice, "undo");

    // The new address signs in to the same account; the old one no longer does.
    app.clock.advance(time::Duration::seconds(61)); // the confirmation's cooldown
    let again = signed_in(&app, "ann.new@example.com").await;
    assert_eq!(again.whoami().await.1["id"], before["id"]);
    assert_eq!(
        app.sql("SELECT count(*) FROM accounts WHERE email_key = 'ann@example.com'"),
        "0"
    );
    // The used link is refused, and says so.
    let used = laptop.get(&confirm).await;
    assert_eq!(used.status, 410);
    assert!(used.text().contains("already done"), "{}", used.text());
}

#[tokio::test]
async fn a_session_older_than_reauth_after_signs_in_again_first() {
    let app = spawn_app().await;
    let b = signed_in(&app, "ann@example.com").await;
    app.clock.advance(time::Duration::minutes(11));
    let form = b.get("/account/email").await;
    assert!(
        form.text().contains("confirm it's you first"),
        "{}",
        form.text()
    );
    assert!(!form.body.contains("name=\"email\" type=\"email\""));
    let sent = app.sink().messages().len();
    let refused = b
        .submit(
            "/account/email",
            "/account/email",
            &[("email", "new@example.com")],
        )
        .await;
    assert_eq!(refused.status, 403);
    assert!(refused.text().contains("confirm it's you first"));
    assert_eq!(app.sink().messages().len(), sent, "nothing sent");

    // The page's button: a sign-in email to the account's address, back to the form.
    let asked = b
        .submit(
            "/account/email",
            "/login",
            &[
                ("email", "ann@example.com"),
                ("return_to", "/account/email"),
            ],
        )
        .await;
    assert_eq!(asked.status, 303, "{}", asked.text());
    let mail = app.sink().wait_for(sent + 1).await.pop().unwrap();
    let back = b.confirm_link(&mail.link()).await;
    assert_eq!(back.location(), Some("/account/email"));
    assert!(b
        .get("/account/email")
        .await
        .text()
        .contains("New email address"));
    ask(&app, &b, "new@example.com").await;
}

#[tokio::test]
async fn the_link_works_in_another_browser_and_ends_every_session() {
    let app = spawn_app().await;
    let laptop = signed_in(&app, "ann@example.com").await;
    let (_, me) = laptop.whoami().await;
    let mail = ask(&app, &laptop, "new@example.com").await;
    let link = change_link(&mail, "confirm");
    let sent = app.sink().messages().len();

    // A mail scanner (GET, HEAD) changes nothing.
    let elsewhere = app.browser();
    let shown = elsewhere.get(&link).await;
    assert_eq!(shown.status, 200);
    assert!(
        shown.text().contains("n***@example.com"),
        "{}",
        shown.text()
    );
    assert_eq!(shown.header("referrer-policy"), Some("no-referrer"));
    assert_eq!(laptop.whoami().await.1["email"], "ann@example.com");

    let forged = elsewhere
        .post(
            "/account/email/confirm",
            &[("token", &hidden(&shown.body, "token").unwrap())],
        )
        .await;
    assert_eq!(forged.status, 403, "the form's token is needed");
    let done = post_token(&elsewhere, &link, "/account/email/confirm").await;
    assert_eq!(done.status, 200, "{}", done.text());
    assert!(
        done.text().contains("Sign in with the new address"),
        "{}",
        done.text()
    );
    assert_eq!(elsewhere.whoami().await.0, 401, "it signs nobody in");
    assert_eq!(laptop.whoami().await.0, 401, "every session ended");
    let notice = app.sink().wait_for(sent + 1).await.pop().unwrap();
    assert_eq!(notice.rcpt_tos, vec!["ann@example.com"]);
    app.clock.advance(time::Duration::seconds(61)); // the confirmation's cooldown
    let again = signed_in(&app, "new@example.com").await;
    assert_eq!(again.whoami().await.1["id"], me["id"]);
}

/// Someone with a session changes the address; the owner's old address undoes it: the address
/// comes back and every session ends, the intruder's too.
#[tokio::test]
async fn the_old_address_undoes_the_change_and_every_session_ends() {
    let app = spawn_app().await;
    let intruder = signed_in(&app, "ann@example.com").await;
    let (_, me) = intruder.whoami().await;
    let mail = ask(&app, &intruder, "thief@example.com").await;
    let sent = app.sink().messages().len();
    let done = intruder
        .submit(
            "/account/email/check",
            "/account/email/code",
            &[("code", &mail.code())],
        )
        .await;
    assert_eq!(done.status, 303);
    let notice = app.sink().wait_for(sent + 1).await.pop().unwrap();
    let undo = change_link(&notice, "undo");

    let owner = app.browser();
    let shown = owner.get(&undo).await;
    assert_eq!(shown.status, 200);
    assert!(
        shown.text().contains("t***@example.com"),
        "{}",
        shown.text()
    );
    assert_eq!(
        intruder.whoami().await.1["email"],
        "thief@example.com",
        "GET changes nothing"
    );

    let undone = post_token(&owner, &undo, "/account/email/undo").await;
    assert_eq!(undone.status, 200, "{}", undone.text());
    assert!(
        undone.text().contains("ann@example.com again"),
        "{}",
        undone.text()
    );
    assert_eq!(intruder.whoami().await.0, 401, "the intruder is out");
    app.clock.advance(time::Duration::seconds(61)); // the first sign-in's cooldown
    let back = signed_in(&app, "ann@example.com").await;
    assert_eq!(
        back.whoami().await.1["id"],
        me["id"],
        "the owner's account, back"
    );
    let trail = back.get("/").await.text();
    assert!(trail.contains("Email address change undone"), "{trail}");

    let twice = owner.get(&undo).await;
    assert_eq!(twice.status, 410);
    assert!(twice.text().contains("already undone"), "{}", twice.text());
    let forged = owner.post("/account/email/undo", &[("token", "x")]).await;
    assert_eq!(forged.status, 403);
    assert_eq!(
        owner
            .get("/account/email/undo?token=not-a-token")
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn bad_input_gets_the_form_again_and_a_taken_address_moves_nothing() {
    let app = spawn_app().await;
    let bob = signed_in(&app, "bob@example.com").await;
    let ann = signed_in(&app, "ann@example.com").await;
    for (typed, status, says) in [
        ("not an address", 400, "email address"),
        ("ANN@example.com", 400, "That's your address already."),
    ] {
        let res = ann
            .submit("/account/email", "/account/email", &[("email", typed)])
            .await;
        assert_eq!(res.status, status, "{typed}: {}", res.text());
        assert!(res.text().contains(says), "{typed}: {}", res.text());
        assert!(
            res.body.contains(&format!("value=\"{typed}\"")),
            "kept as typed"
        );
    }
    let no_csrf = ann
        .post("/account/email", &[("email", "new@example.com")])
        .await;
    assert_eq!(no_csrf.status, 403);

    app.clock.advance(time::Duration::seconds(61)); // Bob's own email's cooldown
    let mail = ask(&app, &ann, "Bob@example.com").await;
    let taken = ann
        .submit(
            "/account/email/check",
            "/account/email/code",
            &[("code", &mail.code())],
        )
        .await;
    assert_eq!(taken.status, 409, "{}", taken.text());
    assert!(taken
        .text()
        .contains("Another account already uses that address"));
    assert_eq!(ann.whoami().await.1["email"], "ann@example.com");
    assert_eq!(bob.whoami().await.1["email"], "bob@example.com");

    // Signed out: the pages send the browser to sign in; nothing is asked.
    let stranger = app.browser();
    assert_eq!(stranger.get("/account/email").await.location(), Some("/"));
}
