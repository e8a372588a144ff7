# Iris: teksty wszystkich stron po polsku. Katalogiem wzorcowym jest angielski: każdy język ma
# dokładnie te same klucze (sprawdza to tests/api/i18n.rs).
#
# Wstawki: { $email } to zamaskowany adres (j***@example.com), { $wait } fraza z sekcji
# „Oczekiwanie” („za 58 sekund”), { $when } fraza z sekcji „Czas” („dzisiaj o 19:15 UTC”),
# { $browser } fraza z sekcji „Przeglądarki” („przeglądarki Chrome w systemie Linux”).

## Oczekiwanie: koniec zdań „… spróbuj ponownie { $wait }” i „… o nową wiadomość { $wait }”.

wait-moment = za chwilę
wait-seconds = za { $n ->
    [one] { $n } sekundę
    [few] { $n } sekundy
    [many] { $n } sekund
   *[other] { $n } sekundy
}
wait-minutes = za { $n ->
    [one] { $n } minutę
    [few] { $n } minuty
    [many] { $n } minut
   *[other] { $n } minuty
}
wait-hours = za około { $n ->
    [one] { $n } godzinę
    [few] { $n } godziny
    [many] { $n } godzin
   *[other] { $n } godziny
}

## Czas, zawsze w UTC: { $time } to 19:15, { $date } data z komunikatu „date” poniżej.

time-today = dzisiaj o { $time } UTC
time-yesterday = wczoraj o { $time } UTC
time-date = { $date } o { $time } UTC
date = { $day } { $month ->
    [1] stycznia
    [2] lutego
    [3] marca
    [4] kwietnia
    [5] maja
    [6] czerwca
    [7] lipca
    [8] sierpnia
    [9] września
    [10] października
    [11] listopada
   *[12] grudnia
} { $year }

## Przeglądarki: skąd wysłano prośbę, w dopełniaczu, na końcu zdania „… wysłano … z { $browser }”.
## { $name } to nazwa produktu (Firefox, Chrome), { $os } system (Linux, Android).

browser-on-os = przeglądarki { $name } w systemie { $os }
browser-only = przeglądarki { $name }
browser-title-on-os = { $name } w systemie { $os }
browser-title-only = { $name }
browser-title-unknown = Nieznana przeglądarka
browser-unknown = nieznanej przeglądarki

## Wspólne dla kilku stron

page-title = { $title } · { $product }
go-to-sign-in = Przejdź do logowania
back-to-sign-in = Wróć do logowania
start-again = Zacznij od nowa
use-another-address = Użyj innego adresu e-mail
request-id = Identyfikator żądania: { $id }

## Podawanie adresu e-mail (/login)

login-title = Zaloguj się
login-email-label = Adres e-mail
login-hint-link = Wyślemy Ci e-mailem link i kod.
login-hint-code = Wyślemy Ci e-mailem 6-cyfrowy kod.
login-hint-link-only = Wyślemy Ci e-mailem link do logowania.
login-submit = Kontynuuj przez e-mail
email-error-empty = Wpisz adres e-mail.
email-error-too-long = Ten adres e-mail jest za długi.
email-error-not-bare = Wpisz sam adres e-mail, np. jan@example.com.
email-error-malformed = To nie wygląda na adres e-mail. Sprawdź go i spróbuj ponownie.
email-error-local-part = Używaj tylko zwykłych liter, cyfr i znaków . _ + - przed znakiem @.
email-error-domain = Część po znaku @ nie jest prawidłową domeną.

## Sprawdź skrzynkę (/login/check-email) z polem na kod

check-title = Sprawdź skrzynkę odbiorczą
check-sent-link = Wysłaliśmy link do logowania i 6-cyfrowy kod na adres { $email }.
check-sent-code = Wysłaliśmy 6-cyfrowy kod na adres { $email }.
check-sent-link-only = Wysłaliśmy link do logowania na adres { $email }.
check-open-link = Otwórz link na dowolnym urządzeniu lub wpisz kod tutaj.
check-open-link-only = Otwórz link z wiadomości na dowolnym urządzeniu.
check-delivery-failed = Nie udało się dostarczyć wiadomości. Sprawdź adres lub wyślij nową wiadomość.
check-again-link = Przed chwilą wysłaliśmy Ci już wiadomość, więc nie wysyłamy kolejnej. Użyj linku lub kodu z tamtej wiadomości.
check-again-code = Przed chwilą wysłaliśmy Ci już wiadomość, więc nie wysyłamy kolejnej. Użyj kodu z tamtej wiadomości.
check-sent-again-link = Wysłaliśmy Ci nową wiadomość. Wcześniejsze linki i kody już nie działają.
check-sent-again-code = Wysłaliśmy Ci nową wiadomość. Wcześniejsze kody już nie działają.
code-label = 6-cyfrowy kod
code-hint = Kod znajduje się na początku wiadomości.
code-submit = Zaloguj się
resend-later = Wiadomość nie dotarła? O nową możesz poprosić { $wait }. W międzyczasie sprawdź folder ze spamem.
resend-now = Wiadomość nie dotarła? Sprawdź folder ze spamem lub:
resend-button = Wyślij nową wiadomość

## Dlaczego kod został odrzucony (przy polu na kod)

code-error-empty = Wpisz 6-cyfrowy kod z wiadomości.
code-error-wrong = Ten kod jest nieprawidłowy. { $left ->
    [one] Pozostała { $left } próba.
    [few] Pozostały { $left } próby.
    [many] Pozostało { $left } prób.
   *[other] Pozostało { $left } próby.
}
code-error-wrong-check = Ten kod jest nieprawidłowy. Sprawdź wiadomość i spróbuj ponownie.
code-error-too-many = Wpisano zbyt wiele błędnych kodów. Poproś poniżej o nową wiadomość.
code-error-locked = Dla tego adresu wpisano zbyt wiele błędnych kodów. Spróbuj ponownie { $wait }.
code-error-expired = Ten kod wygasł. Poproś poniżej o nową wiadomość – nie musisz niczego wpisywać ponownie.
code-error-dead = Ten kod już nie działa. Poproś poniżej o nową wiadomość.

## Dlaczego kod ze strony skrzynki już nie działa

code-dead-used = Ten kod został już użyty. Poproś o nową wiadomość, aby zalogować się ponownie.
code-dead-replaced = Na ten adres wysłano nowszą wiadomość. Użyj kodu z najnowszej wiadomości lub poproś o nową.
code-dead-expired = Ten kod wygasł. Poproś o nową wiadomość, aby się zalogować.
code-dead-too-many = Wpisano zbyt wiele błędnych kodów, więc ten kod już nie działa. Poproś o nową wiadomość.
code-dead-unknown = Ta prośba o logowanie już nie istnieje. Zacznij od nowa.

## Potwierdzenie logowania (link z wiadomości)

confirm-title = Potwierdź logowanie
confirm-question = Zalogować się jako { $email }?
confirm-requested = Prośbę o logowanie wysłano { $when } z { $browser }.
confirm-same-browser = O ten link poproszono w tej przeglądarce.
confirm-other-browser = O ten link nie poproszono w tej przeglądarce. Kontynuuj tylko wtedy, gdy prośba pochodzi od Ciebie, z innego urządzenia.
confirm-submit = Zaloguj się
confirm-ignore = Jeśli to nie Ty próbujesz się zalogować, zamknij tę stronę. Nic się nie stanie, dopóki nie naciśniesz przycisku.

## Linki, które już nie działają

link-invalid-title = Ten link nie działa
link-invalid-text = Link jest niekompletny albo nigdy nie został wygenerowany. Skopiuj cały link z wiadomości lub zacznij od nowa.
link-used-title = Ten link został już użyty
link-used-text = Każdy link i kod działa tylko raz. Jeśli chcesz zalogować się ponownie, poproś o nowy.
link-replaced-title = Wysłano nowszą wiadomość
link-replaced-text = Ten link został zastąpiony nowszym. Użyj najnowszej wiadomości lub poproś o nową.
link-expired-title = Ten link wygasł
link-expired-text = Ze względu na bezpieczeństwo Twojego konta linki do logowania działają tylko przez kilka minut.
link-too-many-title = Zbyt wiele prób
link-too-many-text = Dla tej wiadomości wpisano zbyt wiele błędnych kodów, więc jej link i kod już nie działają.
link-locked-text = Dla tego adresu wpisano zbyt wiele błędnych kodów. Spróbuj ponownie { $wait }.
link-send-new = Wyślij nowy link na adres { $email }

## Po zalogowaniu (/)

account-title = Zalogowano pomyślnie
account-signed-in-as = Zalogowano jako { $email }.
account-since = Zalogowano { $when }.
account-sign-out = Wyloguj się
account-others-ended = Twoje pozostałe sesje zostały wylogowane.
account-sessions = Gdzie jesteś zalogowany
account-this-browser = Ta przeglądarka
account-session-by-link = Zalogowano linkiem z e-maila { $when }.
account-session-by-code = Zalogowano kodem { $when }.
account-session-last-seen = Ostatnia aktywność { $when }.
account-session-network = Sieć { $ip }.
account-session-sign-out = Wyloguj
account-session-ended = Ta sesja została wylogowana.
account-no-other-sessions = Nie jesteś zalogowany nigdzie indziej.
account-other-sessions-text = Zalogowano na urządzeniu, którego już nie używasz albo które nie jest Twoje? Zakończ te sesje tutaj.
account-sign-out-others = Wyloguj wszędzie indziej
account-sign-out-everywhere = Wyloguj wszędzie

## Limity

too-many-title = Zbyt wiele prób
too-many-text = Zbyt wiele żądań. Ze względów bezpieczeństwa spróbuj ponownie { $wait }.
paused-title = Wysyłanie wiadomości do logowania jest wstrzymane
paused-text = Wysłaliśmy dziś tyle wiadomości do logowania, ile możemy bezpiecznie wysłać, więc w tej chwili nie możemy wysłać kolejnej. Spróbuj ponownie { $wait }.
paused-still-works = Otrzymany już kod lub link działa aż do wygaśnięcia.

## Strony błędów według kodu HTTP

error-400-title = Nie udało się
error-400-text = Żądanie było niekompletne lub nieprawidłowe. Wróć i spróbuj ponownie.
error-403-title = Ten formularz wygasł
error-403-text = Ze względów bezpieczeństwa formularze działają tylko na stronie, z której pochodzą. Odśwież stronę i spróbuj ponownie.
error-404-title = Nie znaleziono strony
error-404-text = Pod tym adresem nic nie ma.
error-405-title = Ta operacja nie jest tu dostępna
error-405-text = Ten adres nie obsługuje tego rodzaju żądań.
error-413-title = Zbyt dużo danych
error-413-text = Formularz wysłał więcej danych, niż możemy przyjąć.
error-415-title = Nie udało się
error-415-text = Formularz został wysłany w formacie, którego nie obsługujemy.
error-503-title = Logowanie jest teraz niedostępne
error-503-text = Usługa, od której zależymy, nie odpowiada. Nic nie zostało zmienione. Spróbuj ponownie za minutę.
error-other-title = Coś poszło nie tak
error-other-text = Nic nie zostało zmienione. Spróbuj ponownie.

## Błędy zgłaszane przez Kratos (/error?id=…), według identyfikatora błędu Kratos

kratos-error-title = Logowanie nie powiodło się
kratos-error-text = Coś poszło nie tak po drodze. Nic nie zostało zmienione. Zacznij od nowa.
kratos-error-csrf = Formularz logowania wygasł lub został otwarty w innej przeglądarce.
kratos-error-expired = Logowanie trwało zbyt długo i wygasło.
kratos-error-return-to = Nie możemy odesłać Cię z powrotem na stronę, która Cię tu skierowała.
kratos-error-signed-in = Już się zalogowano.
kratos-error-disabled = Ta metoda logowania jest wyłączona.

link-voided-title = Ta wiadomość została unieważniona
link-voided-text = Ktoś zgłosił, że nie prosił o tę wiadomość, więc jej link i kod już nie działają. Aby się zalogować, poproś o nową wiadomość.
code-dead-voided = Ta wiadomość została unieważniona („Nie prosiłem o to”), więc jej kod już nie działa. Poproś o nową wiadomość, aby się zalogować.

# „To nie ja” (drugi link w każdej wiadomości z logowaniem).
not-me-title = Nie prosiłeś o logowanie?
not-me-what = Ktoś poprosił o zalogowanie jako { $email } { $when } z { $browser }.
not-me-explain = Jeśli to nie Ty, unieważnij tę wiadomość. Jej link i kod przestaną działać, każdy, kto się nimi zalogował, zostanie wylogowany, a przez jakiś czas o nową wiadomość będą mogły prosić tylko przeglądarki, które już logowały się na ten adres.
not-me-submit = Unieważnij tę wiadomość
not-me-was-me = Jeśli to Ty, zamknij tę stronę i użyj linku lub kodu z wiadomości. Nic się nie stanie, dopóki nie naciśniesz przycisku.
not-me-done-title = Wiadomość unieważniona
not-me-done-text = Jej link i kod już nie działają. Nikt się nimi nie zalogował.
not-me-done-ended = Ktoś już się nią zalogował. Ta sesja została zakończona.
not-me-done-ended-all = Ktoś już się nią zalogował, więc wszystkie sesje tego konta zostały zakończone, także Twoja.
not-me-done-held = Nowe wiadomości z logowaniem na ten adres są wstrzymane; zostaną wznowione { $wait }. Przeglądarki, które już logowały się na ten adres, nadal mogą o nią poprosić.
not-me-done-next = Bez wiadomości wysyłanych na ten adres nikt nie może się zalogować. Jeśli nadal dostajesz wiadomości, o które nie prosiłeś, sprawdź, czy Twoje konto e-mail jest bezpieczne.
not-me-already-title = Ta wiadomość była już unieważniona
not-me-already-text = Jej link i kod już nie działają. Nie trzeba nic więcej robić.
not-me-expired-title = Ta wiadomość wygasła
not-me-expired-text = Nikt się nią nie zalogował, a jej link i kod już nie działają. Nie trzeba nic więcej robić.
## Changing the address (/account/email)

account-change-address = Zmień adres e-mail
account-address-changed = Twój adres e-mail został zmieniony. Powiadomiliśmy stary adres i wylogowaliśmy Cię ze wszystkich innych miejsc.
account-address-fixed = Tutaj nie można zmienić adresu e-mail. Jeśli musisz go zmienić, zwróć się do administratora serwisu.
address-title = Zmień adres e-mail
address-current = Twój adres to { $email }.
address-new-label = Nowy adres e-mail
address-new-hint = Wyślemy kod i link na nowy adres. Nic się nie zmieni, dopóki nie użyjesz jednego z nich; wtedy powiadomimy Twój obecny adres.
address-submit = Wyślij potwierdzenie
address-reauth = Dla Twojego bezpieczeństwa najpierw potwierdź, że to Ty: wyślemy link do logowania na Twój obecny adres. Potem wróć tutaj.
address-reauth-submit = Wyślij mi link do logowania
address-back = Wróć do konta
address-requested = Prośbę wysłano { $when } z { $browser }.
address-check-title = Sprawdź nowy adres
address-check-sent = Wysłaliśmy kod i link na adres { $email }. Wpisz tutaj kod albo otwórz link.
address-check-submit = Zmień mój adres
address-another = Użyj innego adresu
address-confirm-title = Zmienić adres e-mail?
address-confirm-question = Ustawić { $email } jako adres Twojego konta?
address-confirm-submit = Tak, zmień
address-undo-title = Cofnąć zmianę adresu?
address-undo-question = Adres Twojego konta zmieniono na { $email }. Jeśli to nie Ty, cofnij zmianę: ten adres wróci, a Twoje konto zostanie wszędzie wylogowane.
address-undo-submit = Cofnij zmianę
address-done-title = Twój adres e-mail został zmieniony
address-done-elsewhere = Adres Twojego konta to teraz { $email }, a konto zostało wszędzie wylogowane. Zaloguj się nowym adresem.
address-sign-in = Zaloguj się
address-undone-title = Zmiana została cofnięta
address-undone-text = Adres Twojego konta to znowu { $email }, a konto zostało wszędzie wylogowane. Zaloguj się i sprawdź, gdzie jesteś zalogowany.
address-error-same = To już jest Twój adres.
address-error-limited = Na ten adres wysłano zbyt wiele wiadomości. Spróbuj ponownie { $wait }.
address-problem-title = To już nie działa
address-problem-unknown = Ten link jest nieprawidłowy. Zacznij od nowa na stronie konta.
address-problem-taken = Inne konto używa już tego adresu, więc nic nie zostało zmienione.
address-problem-confirmed = Ta zmiana została już wprowadzona.
address-problem-reverted = Ta zmiana została już cofnięta.
address-problem-expired = To wygasło. Zacznij od nowa na stronie konta.
address-problem-superseded = Nowsza zmiana zastąpiła tę albo została ona cofnięta. Użyj najnowszej wiadomości.
address-problem-too-many = Wpisano zbyt wiele błędnych kodów. Zacznij od nowa na stronie konta.

## Recent activity on the account page: what happened, then when and from which browser.
trail-title = Ostatnia aktywność
trail-empty = Na tym koncie nic się jeszcze nie wydarzyło.
trail-unavailable = Ostatniej aktywności nie można teraz wyświetlić. Wszystko inne na tej stronie działa.
trail-from = z { $browser } ({ $ip })
trail-operator = przez administratora
trail-email-requested = Wysłano e-mail do logowania
trail-signed-in-link = Zalogowano linkiem
trail-signed-in-code = Zalogowano kodem
trail-wrong-code = Wpisano błędny kod
trail-signed-out = Wylogowano
trail-signed-out-elsewhere = Wylogowano wszędzie indziej
trail-signed-out-everywhere = Wylogowano wszędzie
trail-session-ended = Zakończono sesję
trail-not-me = Zgłoszono „to nie ja”
trail-operator-ended-sessions = Administrator wylogował to konto wszędzie
trail-operator-lifted-back-off = Administrator zniósł oczekiwanie po błędnych kodach
trail-address-changed = Zmieniono adres e-mail
trail-address-change-undone = Cofnięto zmianę adresu e-mail

## Signing in to an application (OAuth2 / OpenID Connect through Ory Hydra).
# { $app } is the application's name, as its operator registered it.
app-continue-to = Aby przejść do { $app }
app-the-app = aplikacji
app-continuing = Przekierowywanie do { $app }…
app-continuing-plain = Przekierowywanie…
app-continuing-text = Trwa przekierowanie z powrotem. Jeśli nic się nie dzieje, użyj przycisku.
app-continue = Kontynuuj
app-gone-title = Ta prośba wygasła
app-missing-title = Nie ma czego kontynuować
app-gone-text = Wróć do { $app } i zacznij tam od nowa.
app-signed-in-gone-title = Zalogowano, ale prośba wygasła
app-signed-in-here-title = Jesteś tu zalogowany
app-signed-in-here-text = Aby przejść do { $app }, wróć do przeglądarki lub urządzenia, w których rozpoczęto logowanie.
confirm-app-title = Kontynuuj tam, gdzie rozpoczęto logowanie
confirm-app-elsewhere = To logowanie do { $app } rozpoczęto w innej przeglądarce lub na innym urządzeniu.
confirm-app-elsewhere-code = Aby przejść do { $app }, wpisz tam kod z tej wiadomości.
confirm-app-elsewhere-link = Aby przejść do { $app }, otwórz ten link w tamtej przeglądarce.
confirm-app-unused = Niczego tu nie użyto: wiadomość nadal tam zadziała.
## The consent page: what the application may do, each scope in plain words.
consent-title = Zezwolić { $app } na dostęp?
consent-as = Zalogowano jako { $email }.
consent-asks = { $app } chce:
consent-remember = Zapamiętaj moją decyzję dla tej aplikacji
consent-allow = Zezwól
consent-deny = Odmów
consent-later = Z aplikacji możesz się wylogować w każdej chwili.
scope-openid = Wiedzieć, że to Ty
scope-email = Widzieć Twój adres e-mail
scope-profile = Widzieć Twój podstawowy profil
scope-offline = Utrzymywać sesję także wtedy, gdy nie korzystasz z aplikacji
scope-other = Inny dostęp: { $scope }
## Signing out of an application.
app-logout-title = Wylogować się z { $app }?
app-logout-title-plain = Wylogować się?
app-logout-text = W tej przeglądarce nastąpi też wylogowanie z { $product }.
app-logout-yes = Wyloguj się
app-logout-no = Nie wylogowuj
