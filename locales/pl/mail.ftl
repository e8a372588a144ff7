# Iris: wiadomość z logowaniem (temat, wersja tekstowa i HTML mówią to samo).
# { $product } to nazwa produktu z branding.product_name; { $when } i { $browser } pochodzą
# z pages.ftl („1 grudnia 2026 o 19:15 UTC”, „przeglądarki Chrome w systemie Linux”).

mail-subject = Zaloguj się do serwisu { $product }
mail-code-intro = Twój kod logowania do serwisu { $product } to:
mail-link-intro = Możesz też zalogować się, otwierając ten link:
mail-link-only-intro = Otwórz ten link, aby zalogować się do serwisu { $product }:
mail-button = Zaloguj się do serwisu { $product }
mail-lifetime-both = Kod i link działają jednorazowo przez { $minutes ->
    [one] { $minutes } minutę
    [few] { $minutes } minuty
    [many] { $minutes } minut
   *[other] { $minutes } minuty
}.
mail-lifetime-code = Wpisz go na stronie logowania. Kod działa jednorazowo przez { $minutes ->
    [one] { $minutes } minutę
    [few] { $minutes } minuty
    [many] { $minutes } minut
   *[other] { $minutes } minuty
}.
mail-lifetime-link = Link działa jednorazowo przez { $minutes ->
    [one] { $minutes } minutę
    [few] { $minutes } minuty
    [many] { $minutes } minut
   *[other] { $minutes } minuty
}.
mail-requested-from = Prośbę o logowanie wysłano { $when } z { $browser }.
mail-requested = Prośbę o logowanie wysłano { $when }.
mail-ignore = Jeśli to nie Ty, zignoruj tę wiadomość: bez niej nikt nie może się zalogować.
mail-never-share = Nigdy nikomu nie udostępniaj tego kodu.
mail-never-share-link = Nigdy nikomu nie udostępniaj tego linku.
mail-not-me = Nie prosiłeś o to? Unieważnij tę wiadomość:
mail-not-me-link = Nie prosiłem o to

## Changing the address

mail-change-subject = Potwierdź nowy adres w serwisie { $product }
mail-change-intro = Aby ustawić ten adres dla konta w serwisie { $product }, wpisz ten kod:
mail-change-link-intro = Albo potwierdź tym linkiem:
mail-change-button = Potwierdź ten adres
mail-change-lifetime = Kod i link działają jednorazowo przez { $minutes ->
    [one] { $minutes } minutę
    [few] { $minutes } minuty
    [many] { $minutes } minut
   *[other] { $minutes } minuty
}.
mail-change-requested = Prośbę wysłano { $when } z { $browser }.
mail-change-ignore = Jeśli to nie Ty, zignoruj tę wiadomość: nic się nie zmieni.
mail-notice-subject = Twój adres w serwisie { $product } został zmieniony
mail-notice-text = Adres Twojego konta w serwisie { $product } to teraz { $email }.
mail-notice-if-you = Jeśli to Ty, nie musisz nic robić.
mail-notice-if-not = Jeśli to nie Ty, cofnij zmianę: ten adres wróci, a Twoje konto zostanie wszędzie wylogowane. Link działa przez { $days ->
    [one] { $days } dzień
   *[other] { $days } dni
}.
mail-notice-button = Cofnij zmianę
