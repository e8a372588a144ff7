# Iris: kirjautumisviesti (aihe, tekstiversio ja HTML-versio sanovat saman).
# { $product } on tuotteen nimi asetuksesta branding.product_name; { $when } ja { $browser } tulevat
# tiedostosta pages.ftl ("1. joulukuuta 2026 klo 19:15 UTC", "Chrome (Linux)").

mail-subject = Kirjaudu palveluun { $product }
mail-code-intro = Kirjautumiskoodisi palveluun { $product } on:
mail-link-intro = Voit myös kirjautua avaamalla tämän linkin:
mail-link-only-intro = Kirjaudu palveluun { $product } avaamalla tämä linkki:
mail-button = Kirjaudu palveluun { $product }
mail-lifetime-both = Koodi ja linkki ovat kertakäyttöisiä ja voimassa { $minutes ->
    [one] { $minutes } minuutin
   *[other] { $minutes } minuutin
} ajan.
mail-lifetime-code = Syötä se kirjautumissivulle. Koodi on kertakäyttöinen ja voimassa { $minutes ->
    [one] { $minutes } minuutin
   *[other] { $minutes } minuutin
} ajan.
mail-lifetime-link = Linkki on kertakäyttöinen ja voimassa { $minutes ->
    [one] { $minutes } minuutin
   *[other] { $minutes } minuutin
} ajan.
mail-requested-from = Kirjautumista pyydettiin { $when }. Selain: { $browser }.
mail-requested = Kirjautumista pyydettiin { $when }.
mail-ignore = Jos et pyytänyt tätä, voit jättää viestin huomiotta: kukaan ei voi kirjautua ilman sitä.
mail-never-share = Älä koskaan kerro tätä koodia kenellekään.
mail-never-share-link = Älä koskaan jaa tätä linkkiä kenenkään kanssa.
mail-not-me = Etkö pyytänyt tätä? Mitätöi tämä viesti:
mail-not-me-link = En pyytänyt tätä

## Changing the address

mail-change-subject = Vahvista uusi osoitteesi palvelussa { $product }
mail-change-intro = Tehdäksesi tästä { $product }-tilisi osoitteen syötä tämä koodi:
mail-change-link-intro = Tai vahvista tällä linkillä:
mail-change-button = Vahvista tämä osoite
mail-change-lifetime = Koodi ja linkki toimivat kerran, { $minutes ->
    [one] { $minutes } minuutin
   *[other] { $minutes } minuutin
} ajan.
mail-change-requested = Pyydetty { $when }. Selain: { $browser }.
mail-change-ignore = Jos et pyytänyt tätä, voit jättää viestin huomiotta: mikään ei muutu.
mail-notice-subject = { $product }-osoitteesi vaihdettiin
mail-notice-text = { $product }-tilisi osoite on nyt { $email }.
mail-notice-if-you = Jos se olit sinä, sinun ei tarvitse tehdä mitään.
mail-notice-if-not = Jos se et ollut sinä, peru vaihto: tämä osoite palautetaan ja tilisi kirjataan ulos kaikkialta. Linkki toimii { $days ->
    [one] { $days } päivän
   *[other] { $days } päivää
}.
mail-notice-button = Peru vaihto
