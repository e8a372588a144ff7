# Iris: inloggningsmejlet (ämnesrad, oformaterad text och HTML säger samma sak).
# { $product } är produktnamnet från branding.product_name; { $when } och { $browser } kommer
# från pages.ftl ("den 1 december 2026 kl. 19:15 UTC", "Chrome på Linux").

mail-subject = Logga in på { $product }
mail-code-intro = Din inloggningskod för { $product } är:
mail-link-intro = Eller öppna den här länken för att logga in:
mail-link-only-intro = Öppna den här länken för att logga in på { $product }:
mail-button = Logga in på { $product }
mail-lifetime-both = Koden och länken kan bara användas en gång och gäller i { $minutes ->
    [one] { $minutes } minut
   *[other] { $minutes } minuter
}.
mail-lifetime-code = Ange den på inloggningssidan. Den kan bara användas en gång och gäller i { $minutes ->
    [one] { $minutes } minut
   *[other] { $minutes } minuter
}.
mail-lifetime-link = Länken kan bara användas en gång och gäller i { $minutes ->
    [one] { $minutes } minut
   *[other] { $minutes } minuter
}.
mail-requested-from = Inloggningen begärdes { $when } från { $browser }.
mail-requested = Inloggningen begärdes { $when }.
mail-ignore = Om det inte var du kan du ignorera det här mejlet – ingen kan logga in utan det.
mail-never-share = Dela aldrig den här koden med någon.
mail-never-share-link = Dela aldrig den här länken med någon.
mail-not-me = Bad du inte om det här? Stoppa mejlet:
mail-not-me-link = Jag bad inte om det här
