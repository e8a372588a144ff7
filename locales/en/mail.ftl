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
