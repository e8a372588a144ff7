# Iris: de inlogmail (onderwerp, platte tekst en HTML zeggen hetzelfde).
# { $product } is de productnaam uit branding.product_name; { $when } en { $browser } komen
# uit pages.ftl ("op 1 december 2026 om 19:15 UTC", "Chrome op Linux").

mail-subject = Inloggen bij { $product }
mail-code-intro = Je inlogcode voor { $product } is:
mail-link-intro = Of open deze link om in te loggen:
mail-link-only-intro = Open deze link om in te loggen bij { $product }:
mail-button = Inloggen bij { $product }
mail-lifetime-both = De code en de link werken één keer en zijn { $minutes ->
    [one] { $minutes } minuut
   *[other] { $minutes } minuten
} geldig.
mail-lifetime-code = Vul hem in op de inlogpagina. Hij werkt één keer en is { $minutes ->
    [one] { $minutes } minuut
   *[other] { $minutes } minuten
} geldig.
mail-lifetime-link = De link werkt één keer en is { $minutes ->
    [one] { $minutes } minuut
   *[other] { $minutes } minuten
} geldig.
mail-requested-from = Dit is { $when } aangevraagd via { $browser }.
mail-requested = Dit is { $when } aangevraagd.
mail-ignore = Was jij dit niet? Negeer deze e-mail dan gewoon: zonder deze e-mail kan niemand inloggen.
mail-never-share = Deel deze code nooit met iemand.
mail-never-share-link = Deel deze link nooit met iemand.
mail-not-me = Niet aangevraagd? Zet deze e-mail stop:
mail-not-me-link = Ik heb dit niet aangevraagd

## Changing the address

mail-change-subject = Bevestig je nieuwe adres voor { $product }
mail-change-intro = Vul deze code in om dit het adres van je { $product }-account te maken:
mail-change-link-intro = Of bevestig met deze link:
mail-change-button = Dit adres bevestigen
mail-change-lifetime = De code en de link werken één keer, gedurende { $minutes ->
    [one] { $minutes } minuut
   *[other] { $minutes } minuten
}.
mail-change-requested = Aangevraagd { $when } via { $browser }.
mail-change-ignore = Heb je dit niet aangevraagd? Negeer deze e-mail dan: er verandert niets.
mail-notice-subject = Je adres bij { $product } is gewijzigd
mail-notice-text = Het adres van je { $product }-account is nu { $email }.
mail-notice-if-you = Was jij dit, dan hoef je niets te doen.
mail-notice-if-not = Was jij dit niet, maak het dan ongedaan: dit adres komt terug en je account wordt overal uitgelogd. De link werkt { $days ->
    [one] { $days } dag
   *[other] { $days } dagen
}.
mail-notice-button = Wijziging ongedaan maken
