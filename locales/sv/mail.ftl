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

## Changing the address

mail-change-subject = Bekräfta din nya adress för { $product }
mail-change-intro = Ange den här koden för att göra detta till adressen för ditt { $product }-konto:
mail-change-link-intro = Eller bekräfta med den här länken:
mail-change-button = Bekräfta den här adressen
mail-change-lifetime = Koden och länken fungerar en gång, i { $minutes ->
    [one] { $minutes } minut
   *[other] { $minutes } minuter
}.
mail-change-requested = Begärdes { $when } från { $browser }.
mail-change-ignore = Om du inte begärde detta kan du ignorera meddelandet: inget ändras.
mail-notice-subject = Din adress hos { $product } har bytts
mail-notice-text = Adressen för ditt { $product }-konto är nu { $email }.
mail-notice-if-you = Om det var du behöver du inte göra något.
mail-notice-if-not = Om det inte var du, ångra det: den här adressen kommer tillbaka och ditt konto loggas ut överallt. Länken fungerar i { $days ->
    [one] { $days } dag
   *[other] { $days } dagar
}.
mail-notice-button = Ångra bytet
