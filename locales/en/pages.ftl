# Iris: the words of every page. English is the reference catalogue: every other locale has
# exactly these keys (tests/api/i18n.rs checks it).
#
# Placeables: { $email } is a masked address (j***@example.com), { $wait } a phrase from the
# "Waits" section below ("in 58 seconds"), { $when } one from "Times" ("today at 19:15 UTC"),
# { $browser } one from "Browsers" ("Chrome on Linux").

## Waits: the end of "… try again { $wait }" and "… a new email { $wait }".

wait-moment = in a moment
wait-seconds = in { $n ->
    [one] { $n } second
   *[other] { $n } seconds
}
wait-minutes = in { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
wait-hours = in about { $n ->
    [one] { $n } hour
   *[other] { $n } hours
}

## Times, always in UTC: { $time } is 19:15, { $date } a date from "date" below.

time-today = today at { $time } UTC
time-yesterday = yesterday at { $time } UTC
time-date = on { $date } at { $time } UTC
date = { $day } { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $year }

## Browsers: which browser asked, at the end of "Requested … from { $browser }".
## { $name } is a product name (Firefox, Chrome), { $os } a system (Linux, Android).

browser-on-os = { $name } on { $os }
browser-only = { $name }
browser-title-on-os = { $name } on { $os }
browser-title-only = { $name }
browser-title-unknown = Unknown browser
browser-unknown = an unknown browser

## Shared by several pages

page-title = { $title } · { $product }
go-to-sign-in = Go to sign in
back-to-sign-in = Back to sign in
start-again = Start again
use-another-address = Use a different email address
request-id = Request id: { $id }

## Email entry (/login)

login-title = Sign in
login-email-label = Email address
login-hint-link = We'll email you a link and a code.
login-hint-code = We'll email you a 6-digit code.
login-hint-link-only = We'll email you a sign-in link.
login-submit = Continue with email
email-error-empty = Enter your email address.
email-error-too-long = That email address is too long.
email-error-not-bare = Enter only the email address itself, like name@example.com.
email-error-malformed = That doesn't look like an email address. Check it and try again.
email-error-local-part = Use only plain letters, digits and . _ + - before the @.
email-error-domain = The part after the @ isn't a valid domain.

## Check your inbox (/login/check-email), with its code box

check-title = Check your inbox
check-sent-link = We sent a sign-in link and a 6-digit code to { $email }.
check-sent-code = We sent a 6-digit code to { $email }.
check-sent-link-only = We sent a sign-in link to { $email }.
check-open-link = Open the link on any device, or type the code here.
check-open-link-only = Open the link in the email, on any device.
check-delivery-failed = We couldn't deliver that email. Check the address, or send a new one.
check-again-link = We already sent you an email moments ago, so we didn't send another. Use the link or code from that email.
check-again-code = We already sent you an email moments ago, so we didn't send another. Use the code from that email.
check-sent-again-link = We sent you a new email. Earlier links and codes no longer work.
check-sent-again-code = We sent you a new email. Earlier codes no longer work.
code-label = 6-digit code
code-hint = The code is near the top of the email.
code-submit = Sign in
resend-later = Didn't get it? You can ask for a new email { $wait }. Check your spam folder meanwhile.
resend-now = Didn't get it? Check your spam folder, or:
resend-button = Send a new email

## Why a code was refused (shown at the code box)

code-error-empty = Enter the 6-digit code from the email.
code-error-wrong = That code isn't right. { $left ->
    [one] { $left } try left.
   *[other] { $left } tries left.
}
code-error-wrong-check = That code isn't right. Check the email and try again.
code-error-too-many = Too many wrong codes were entered. Ask for a new email below.
code-error-locked = Too many wrong codes were entered for this address. Try again { $wait }.
code-error-expired = This code has expired. Ask for a new email below; there is nothing to retype.
code-error-dead = This code no longer works. Ask for a new email below.

## Why the code on the inbox page no longer works

code-dead-used = This code was already used. Ask for a new email to sign in again.
code-dead-replaced = A newer email was sent for this address. Use the code from the latest email, or ask for a new one.
code-dead-expired = This code has expired. Ask for a new email to sign in.
code-dead-too-many = Too many wrong codes were entered, so this code no longer works. Ask for a new email.
code-dead-unknown = This sign-in request no longer exists. Start again.

## Confirm sign-in (the emailed link)

confirm-title = Confirm sign-in
confirm-question = Sign in as { $email }?
confirm-requested = Requested { $when } from { $browser }.
confirm-same-browser = You asked for this link in this browser.
confirm-other-browser = This link was not requested in this browser. Continue only if you asked for it yourself, on another device.
confirm-submit = Sign in
confirm-ignore = If you didn't ask to sign in, close this page. Nothing happens until you press the button.

## Links that no longer work

link-invalid-title = This link doesn't work
link-invalid-text = The link is incomplete or was never issued. Copy the whole link from the email, or start again.
link-used-title = This link was already used
link-used-text = Each link and code signs in once. Ask for a new one if you need to sign in again.
link-replaced-title = A newer email was sent
link-replaced-text = This link was replaced by a newer one. Use the latest email, or ask for a new one.
link-expired-title = This link has expired
link-expired-text = Sign-in links work for a few minutes only, to keep your account safe.
link-too-many-title = Too many attempts
link-too-many-text = Too many wrong codes were tried for this email, so its link and code no longer work.
link-locked-text = Too many wrong codes were tried for this address. Try again { $wait }.
link-send-new = Send a new link to { $email }

## Signed in (/)

account-title = You're signed in
account-signed-in-as = Signed in as { $email }.
account-since = Signed in { $when }.
account-sign-out = Sign out
account-others-ended = Your other sessions are signed out.
account-sessions = Where you're signed in
account-this-browser = This browser
account-session-by-link = Signed in with an email link { $when }.
account-session-by-code = Signed in with a code { $when }.
account-session-last-seen = Last active { $when }.
account-session-network = Network { $ip }.
account-session-sign-out = Sign out
account-session-ended = That session is signed out.
account-no-other-sessions = You're not signed in anywhere else.
account-other-sessions-text = Signed in on a device you no longer use, or one that isn't yours? End those sessions here.
account-sign-out-others = Sign out everywhere else
account-sign-out-everywhere = Sign out everywhere

## Limits

too-many-title = Too many attempts
too-many-text = Too many requests. For your safety, please try again { $wait }.
paused-title = Sign-in emails are paused
paused-text = We have sent as many sign-in emails today as we safely can, so no new one can go out right now. Please try again { $wait }.
paused-still-works = A code or link you already received keeps working until it expires.

## Error pages, by HTTP status

error-400-title = That didn't work
error-400-text = The request was incomplete or malformed. Go back and try again.
error-403-title = This form has expired
error-403-text = For your safety, forms only work on the page they came from. Reload the page and try again.
error-404-title = Page not found
error-404-text = There is nothing at this address.
error-405-title = That doesn't work here
error-405-text = This address doesn't accept that kind of request.
error-413-title = Too much data
error-413-text = The form sent more data than we accept.
error-415-title = That didn't work
error-415-text = The form was sent in a format we don't accept.
error-503-title = Sign-in is unavailable right now
error-503-text = A service we depend on isn't answering. Nothing was changed; please try again in a minute.
error-other-title = Something went wrong
error-other-text = Nothing was changed. Please try again.

## Errors Kratos reports (/error?id=…), by Kratos's error id

kratos-error-title = Sign-in didn't work
kratos-error-text = Something went wrong on the way. Nothing was changed; please start again.
kratos-error-csrf = The sign-in form expired or was opened in another browser.
kratos-error-expired = The sign-in took too long and expired.
kratos-error-return-to = The page that sent you here isn't one we may send you back to.
kratos-error-signed-in = You're already signed in.
kratos-error-disabled = This way of signing in is switched off.

# A link or code stopped with "this wasn't me".
link-voided-title = This email was stopped
link-voided-text = Someone said they didn't ask for this email, so its link and code no longer work. To sign in, ask for a new email.
code-dead-voided = This email was stopped ("I didn't ask for this"), so its code no longer works. Ask for a new email to sign in.

# "This wasn't me" (the second link in every sign-in email). { $email } is the masked address
# (markup), { $when } and { $browser } as in confirm-requested, { $wait } as in link-locked-text.
not-me-title = Didn't ask to sign in?
not-me-what = Someone asked to sign in to { $email } { $when } from { $browser }.
not-me-explain = If it wasn't you, stop this email. Its link and code will stop working, anyone who signed in with it will be signed out, and for a while only browsers that have signed in to this address before can ask for a new email.
not-me-submit = Stop this email
not-me-was-me = If it was you, close this page and use the link or code in the email. Nothing happens until you press the button.
not-me-done-title = This email is stopped
not-me-done-text = Its link and code no longer work. Nobody had signed in with it.
not-me-done-ended = Someone had already signed in with it. That session has been signed out.
not-me-done-ended-all = Someone had already signed in with it, so every session of this account has been signed out, including yours.
not-me-done-held = New sign-in emails to this address are paused; they resume { $wait }. Browsers that have signed in to it before can still ask for one.
not-me-done-next = Nobody can sign in without the emails sent to this address. If you keep getting emails you didn't ask for, make sure your email account is secure.
not-me-already-title = This email was already stopped
not-me-already-text = Its link and code no longer work. There is nothing more to do.
not-me-expired-title = This email has expired
not-me-expired-text = Nobody signed in with it, and its link and code no longer work. There is nothing more to do.
## Changing the address (/account/email)

account-change-address = Change your email address
account-address-changed = Your email address is changed. We told your old address, and signed you out everywhere else.
account-address-fixed = Your email address can't be changed here. If you need to change it, ask the service's administrator.
address-title = Change your email address
address-current = Your address is { $email }.
address-new-label = New email address
address-new-hint = We'll send a code and a link to the new address. Nothing changes until you use one of them, and we'll tell your current address when it does.
address-submit = Send the confirmation
address-reauth = For your safety, confirm it's you first: we'll email a sign-in link to your current address. Then come back here.
address-reauth-submit = Email me a sign-in link
address-back = Back to your account
address-requested = Asked for { $when } from { $browser }.
address-check-title = Check your new address
address-check-sent = We sent a code and a link to { $email }. Enter the code here, or open the link.
address-check-submit = Change my address
address-another = Use another address
address-confirm-title = Change your email address?
address-confirm-question = Make { $email } the address of your account?
address-confirm-submit = Yes, change it
address-undo-title = Undo the address change?
address-undo-question = Your account's address was changed to { $email }. If that wasn't you, undo it: this address comes back, and your account is signed out everywhere.
address-undo-submit = Undo the change
address-done-title = Your email address is changed
address-done-elsewhere = Your account's address is now { $email }, and it is signed out everywhere. Sign in with the new address.
address-sign-in = Sign in
address-undone-title = The change is undone
address-undone-text = Your account's address is { $email } again, and it is signed out everywhere. Sign in, and check where you're signed in.
address-error-same = That's your address already.
address-error-limited = Too many emails were sent to that address. Try again { $wait }.
address-problem-title = This no longer works
address-problem-unknown = This link isn't valid. Start again from your account page.
address-problem-taken = Another account already uses that address, so nothing was changed.
address-problem-confirmed = This change is already done.
address-problem-reverted = This change was already undone.
address-problem-expired = This has expired. Start again from your account page.
address-problem-superseded = A newer change replaced this one, or it was undone. Use the latest email.
address-problem-too-many = Too many wrong codes were entered. Start again from your account page.

## Recent activity on the account page: what happened, then when and from which browser.
# { $browser } is one of "Browsers"; { $ip } a masked address such as 203.0.113.x.
trail-title = Recent activity
trail-empty = Nothing has happened on this account yet.
trail-unavailable = Recent activity can't be shown right now. Everything else on this page works.
trail-from = from { $browser } ({ $ip })
trail-operator = by an administrator
trail-email-requested = Sign-in email sent
trail-signed-in-link = Signed in with a link
trail-signed-in-code = Signed in with a code
trail-wrong-code = Wrong code entered
trail-signed-out = Signed out
trail-signed-out-elsewhere = Signed out everywhere else
trail-signed-out-everywhere = Signed out everywhere
trail-session-ended = A session was ended
trail-not-me = Reported “this wasn't me”
trail-operator-ended-sessions = An administrator signed this account out everywhere
trail-operator-lifted-back-off = An administrator lifted the wait after wrong codes
trail-address-changed = Email address changed
trail-address-change-undone = Email address change undone

## Signing in to an application (OAuth2 / OpenID Connect through Ory Hydra).
# { $app } is the application's name, as its operator registered it.
app-continue-to = To continue to { $app }
app-the-app = the application
app-continuing = Continuing to { $app }…
app-continuing-plain = Continuing…
app-continuing-text = You're being taken back. If nothing happens, use the button.
app-continue = Continue
app-gone-title = This request has expired
app-missing-title = Nothing to continue
app-gone-text = Go back to { $app } and start again from there.
app-signed-in-gone-title = You're signed in, but the request expired
app-signed-in-here-title = You're signed in here
app-signed-in-here-text = To continue to { $app }, go back to the browser or device where you started.
confirm-app-title = Continue where you started
confirm-app-elsewhere = This sign-in to { $app } was started in another browser or on another device.
confirm-app-elsewhere-code = To continue to { $app }, type the code from this email there.
confirm-app-elsewhere-link = To continue to { $app }, open this link in that browser.
confirm-app-unused = Nothing was used here: the email still works there.
## The consent page: what the application may do, each scope in plain words.
consent-title = Allow { $app } access?
consent-as = You're signed in as { $email }.
consent-asks = { $app } would like to:
consent-remember = Remember my decision for this application
consent-allow = Allow
consent-deny = Deny
consent-later = You can sign out of the application at any time.
scope-openid = Know that it's you
scope-email = See your email address
scope-profile = See your basic profile
scope-offline = Stay signed in when you're not using it
scope-other = Other access: { $scope }
## Signing out of an application.
app-logout-title = Sign out of { $app }?
app-logout-title-plain = Sign out?
app-logout-text = You'll also be signed out of { $product } in this browser.
app-logout-yes = Sign out
app-logout-no = Stay signed in
