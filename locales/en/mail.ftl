# Iris: the sign-in email (subject, plain text and HTML say the same).
# { $product } is the product name from branding.product_name; { $when } and { $browser } come
# from pages.ftl ("on 1 December 2026 at 19:15 UTC", "Chrome on Linux").

mail-subject = Sign in to { $product }
mail-code-intro = Your { $product } sign-in code is:
mail-link-intro = Or open this link to sign in:
mail-link-only-intro = Open this link to sign in to { $product }:
mail-button = Sign in to { $product }
mail-lifetime-both = The code and link work once, for { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
mail-lifetime-code = Enter it on the sign-in page. It works once, for { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
mail-lifetime-link = The link works once, for { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
mail-requested-from = This was requested { $when } from { $browser }.
mail-requested = This was requested { $when }.
mail-ignore = If this wasn't you, ignore this email: nobody can sign in without it.
mail-never-share = Never share this code with anyone.
mail-never-share-link = Never share this link with anyone.
mail-not-me = Didn't ask for this? Stop this email:
mail-not-me-link = I didn't ask for this

## Changing the address

mail-change-subject = Confirm your new address for { $product }
mail-change-intro = To make this the address of your { $product } account, enter this code:
mail-change-link-intro = Or confirm with this link:
mail-change-button = Confirm this address
mail-change-lifetime = The code and link work once, for { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
mail-change-requested = This was asked for { $when } from { $browser }.
mail-change-ignore = If you didn't ask for this, ignore this email: nothing changes.
mail-notice-subject = Your { $product } address was changed
mail-notice-text = The address of your { $product } account is now { $email }.
mail-notice-if-you = If this was you, there's nothing to do.
mail-notice-if-not = If it wasn't you, undo it: this address comes back and your account is signed out everywhere. The link works for { $days ->
    [one] { $days } day
   *[other] { $days } days
}.
mail-notice-button = Undo the change
