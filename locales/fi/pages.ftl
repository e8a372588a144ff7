# Iris: kaikkien sivujen tekstit suomeksi. Viitteenä on englanninkielinen luettelo: tunnisteet ovat
# täsmälleen samat (tests/api/i18n.rs tarkistaa sen).
#
# Paikkamerkit: { $email } on peitetty osoite (j***@example.com), { $wait } fraasi alla olevasta
# Odotukset-osiosta ("58 sekunnin kuluttua"), { $when } Ajat-osiosta ("tänään klo 19:15 UTC"),
# { $browser } Selaimet-osiosta ("Chrome (Linux)").

## Odotukset: lauseiden "… Yritä uudelleen { $wait }." ja "… uuden viestin { $wait }." loppu.

wait-moment = hetken kuluttua
wait-seconds = { $n ->
    [one] { $n } sekunnin kuluttua
   *[other] { $n } sekunnin kuluttua
}
wait-minutes = { $n ->
    [one] { $n } minuutin kuluttua
   *[other] { $n } minuutin kuluttua
}
wait-hours = noin { $n ->
    [one] { $n } tunnin kuluttua
   *[other] { $n } tunnin kuluttua
}

## Ajat, aina UTC-ajassa: { $time } on 19:15, { $date } alla olevan "date"-viestin päivämäärä.

time-today = tänään klo { $time } UTC
time-yesterday = eilen klo { $time } UTC
time-date = { $date } klo { $time } UTC
date = { $day }. { $month ->
    [1] tammikuuta
    [2] helmikuuta
    [3] maaliskuuta
    [4] huhtikuuta
    [5] toukokuuta
    [6] kesäkuuta
    [7] heinäkuuta
    [8] elokuuta
    [9] syyskuuta
    [10] lokakuuta
    [11] marraskuuta
   *[12] joulukuuta
} { $year }

## Selaimet: pyynnön lähettänyt selain lauseen "… Selain: { $browser }." lopussa.
## { $name } on tuotenimi (Firefox, Chrome), { $os } käyttöjärjestelmä (Linux, Android).

browser-on-os = { $name } ({ $os })
browser-only = { $name }
browser-title-on-os = { $name } ({ $os })
browser-title-only = { $name }
browser-title-unknown = Tuntematon selain
browser-unknown = tuntematon

## Usean sivun yhteiset tekstit

page-title = { $title } · { $product }
go-to-sign-in = Siirry kirjautumaan
back-to-sign-in = Takaisin kirjautumiseen
start-again = Aloita alusta
use-another-address = Käytä toista sähköpostiosoitetta
request-id = Pyynnön tunnus: { $id }

## Sähköpostiosoitteen syöttö (/login)

login-title = Kirjaudu sisään
login-email-label = Sähköpostiosoite
login-hint-link = Lähetämme sinulle sähköpostitse linkin ja koodin.
login-hint-code = Lähetämme sinulle sähköpostitse 6-numeroisen koodin.
login-hint-link-only = Lähetämme sinulle sähköpostitse kirjautumislinkin.
login-submit = Jatka sähköpostilla
email-error-empty = Anna sähköpostiosoitteesi.
email-error-too-long = Sähköpostiosoite on liian pitkä.
email-error-not-bare = Kirjoita pelkkä sähköpostiosoite, esimerkiksi nimi@example.com.
email-error-malformed = Tämä ei näytä sähköpostiosoitteelta. Tarkista se ja yritä uudelleen.
email-error-local-part = Käytä vain tavallisia kirjaimia, numeroita ja merkkejä . _ + - ennen @-merkkiä.
email-error-domain = @-merkin jälkeinen osa ei ole kelvollinen verkkotunnus.

## Tarkista sähköpostisi (/login/check-email) ja koodikenttä

check-title = Tarkista sähköpostisi
check-sent-link = Lähetimme kirjautumislinkin ja 6-numeroisen koodin osoitteeseen { $email }.
check-sent-code = Lähetimme 6-numeroisen koodin osoitteeseen { $email }.
check-sent-link-only = Lähetimme kirjautumislinkin osoitteeseen { $email }.
check-open-link = Avaa linkki millä tahansa laitteella tai kirjoita koodi tähän.
check-open-link-only = Avaa viestissä oleva linkki millä tahansa laitteella.
check-delivery-failed = Viestiä ei voitu toimittaa. Tarkista osoite tai lähetä uusi viesti.
check-again-link = Lähetimme sinulle viestin juuri äsken, joten uutta ei lähetetty. Käytä sen viestin linkkiä tai koodia.
check-again-code = Lähetimme sinulle viestin juuri äsken, joten uutta ei lähetetty. Käytä sen viestin koodia.
check-sent-again-link = Lähetimme sinulle uuden viestin. Aiemmat linkit ja koodit eivät enää toimi.
check-sent-again-code = Lähetimme sinulle uuden viestin. Aiemmat koodit eivät enää toimi.
code-label = 6-numeroinen koodi
code-hint = Koodi on viestin yläosassa.
code-submit = Kirjaudu sisään
resend-later = Eikö viesti tullut? Voit pyytää uuden viestin { $wait }. Tarkista sillä välin roskapostikansio.
resend-now = Eikö viesti tullut? Tarkista roskapostikansio tai:
resend-button = Lähetä uusi viesti

## Miksi koodi hylättiin (näytetään koodikentän kohdalla)

code-error-empty = Anna sähköpostiviestissä oleva 6-numeroinen koodi.
code-error-wrong = Koodi ei ole oikein. { $left ->
    [one] { $left } yritys jäljellä.
   *[other] { $left } yritystä jäljellä.
}
code-error-wrong-check = Koodi ei ole oikein. Tarkista viesti ja yritä uudelleen.
code-error-too-many = Väärä koodi syötettiin liian monta kertaa. Pyydä uusi viesti alta.
code-error-locked = Tälle osoitteelle syötettiin väärä koodi liian monta kertaa. Yritä uudelleen { $wait }.
code-error-expired = Tämä koodi on vanhentunut. Pyydä uusi viesti alta – mitään ei tarvitse kirjoittaa uudelleen.
code-error-dead = Tämä koodi ei enää toimi. Pyydä uusi viesti alta.

## Miksi saapuneiden viestien sivun koodi ei enää toimi

code-dead-used = Tämä koodi on jo käytetty. Pyydä uusi viesti, niin voit kirjautua uudelleen.
code-dead-replaced = Tähän osoitteeseen on lähetetty uudempi viesti. Käytä uusimman viestin koodia tai pyydä uusi viesti.
code-dead-expired = Tämä koodi on vanhentunut. Pyydä uusi viesti, niin voit kirjautua sisään.
code-dead-too-many = Väärä koodi syötettiin liian monta kertaa, joten tämä koodi ei enää toimi. Pyydä uusi viesti.
code-dead-unknown = Tätä kirjautumispyyntöä ei enää ole. Aloita alusta.

## Kirjautumisen vahvistus (sähköpostin linkki)

confirm-title = Vahvista kirjautuminen
confirm-question = Kirjaudutaanko sisään osoitteella { $email }?
confirm-requested = Pyyntö tehtiin { $when }. Selain: { $browser }.
confirm-same-browser = Pyysit tämän linkin tällä selaimella.
confirm-other-browser = Tätä linkkiä ei pyydetty tällä selaimella. Jatka vain, jos pyysit sen itse toisella laitteella.
confirm-submit = Kirjaudu sisään
confirm-ignore = Jos et yrittänyt kirjautua, sulje tämä sivu. Mitään ei tapahdu ennen kuin painat painiketta.

## Linkit, jotka eivät enää toimi

link-invalid-title = Tämä linkki ei toimi
link-invalid-text = Linkki on puutteellinen, tai sitä ei ole koskaan luotu. Kopioi koko linkki viestistä tai aloita alusta.
link-used-title = Tämä linkki on jo käytetty
link-used-text = Jokaisella linkillä ja koodilla voi kirjautua vain kerran. Pyydä uusi, jos haluat kirjautua uudelleen.
link-replaced-title = Uudempi viesti on lähetetty
link-replaced-text = Tämä linkki on korvattu uudemmalla. Käytä uusinta viestiä tai pyydä uusi.
link-expired-title = Tämä linkki on vanhentunut
link-expired-text = Kirjautumislinkit toimivat vain muutaman minuutin, jotta tilisi pysyy turvassa.
link-too-many-title = Liian monta yritystä
link-too-many-text = Tämän viestin koodia yritettiin väärin liian monta kertaa, joten sen linkki ja koodi eivät enää toimi.
link-locked-text = Tälle osoitteelle syötettiin väärä koodi liian monta kertaa. Yritä uudelleen { $wait }.
link-send-new = Lähetä uusi linkki osoitteeseen { $email }

## Kirjautunut (/)

account-title = Olet kirjautunut sisään
account-signed-in-as = Olet kirjautunut osoitteella { $email }.
account-since = Kirjauduit sisään { $when }.
account-sign-out = Kirjaudu ulos
account-others-ended = Muut istuntosi on kirjattu ulos.
account-sessions = Missä olet kirjautuneena
account-this-browser = Tämä selain
account-session-by-link = Kirjauduttu sähköpostilinkillä { $when }.
account-session-by-code = Kirjauduttu koodilla { $when }.
account-session-last-seen = Viimeksi aktiivinen { $when }.
account-session-network = Verkko { $ip }.
account-session-sign-out = Kirjaa ulos
account-session-ended = Se istunto on kirjattu ulos.
account-no-other-sessions = Et ole kirjautuneena muualla.
account-other-sessions-text = Oletko kirjautuneena laitteella, jota et enää käytä tai joka ei ole sinun? Lopeta ne istunnot tästä.
account-sign-out-others = Kirjaudu ulos kaikkialta muualta
account-sign-out-everywhere = Kirjaudu ulos kaikkialta

## Rajoitukset

too-many-title = Liian monta yritystä
too-many-text = Liian monta pyyntöä. Turvallisuutesi vuoksi yritä uudelleen { $wait }.
paused-title = Kirjautumisviestien lähetys on tauolla
paused-text = Olemme lähettäneet tänään niin monta kirjautumisviestiä kuin turvallisesti voimme, joten uutta viestiä ei voi lähettää juuri nyt. Yritä uudelleen { $wait }.
paused-still-works = Jo saamasi koodi tai linkki toimii, kunnes se vanhenee.

## Virhesivut HTTP-tilan mukaan

error-400-title = Pyyntö ei onnistunut
error-400-text = Pyyntö oli puutteellinen tai virheellinen. Palaa takaisin ja yritä uudelleen.
error-403-title = Tämä lomake on vanhentunut
error-403-text = Turvallisuutesi vuoksi lomakkeet toimivat vain sillä sivulla, jolta ne ovat peräisin. Päivitä sivu ja yritä uudelleen.
error-404-title = Sivua ei löytynyt
error-404-text = Tässä osoitteessa ei ole mitään.
error-405-title = Tämä ei toimi täällä
error-405-text = Tämä osoite ei hyväksy tällaista pyyntöä.
error-413-title = Liikaa tietoja
error-413-text = Lomake lähetti enemmän tietoja kuin hyväksymme.
error-415-title = Pyyntö ei onnistunut
error-415-text = Lomake lähetettiin muodossa, jota emme hyväksy.
error-503-title = Kirjautuminen ei ole juuri nyt käytettävissä
error-503-text = Tarvitsemamme taustapalvelu ei vastaa. Mitään ei muutettu. Yritä uudelleen minuutin kuluttua.
error-other-title = Jokin meni vikaan
error-other-text = Mitään ei muutettu. Yritä uudelleen.

## Kratosin ilmoittamat virheet (/error?id=…) Kratosin virhetunnuksen mukaan

kratos-error-title = Kirjautuminen ei onnistunut
kratos-error-text = Jokin meni matkalla vikaan. Mitään ei muutettu. Aloita alusta.
kratos-error-csrf = Kirjautumislomake vanheni, tai se avattiin toisessa selaimessa.
kratos-error-expired = Kirjautuminen kesti liian kauan ja vanheni.
kratos-error-return-to = Emme voi ohjata sinua takaisin sivulle, jolta tulit.
kratos-error-signed-in = Olet jo kirjautunut sisään.
kratos-error-disabled = Tämä kirjautumistapa on poistettu käytöstä.

link-voided-title = Tämä viesti on mitätöity
link-voided-text = Joku ilmoitti, ettei pyytänyt tätä viestiä, joten sen linkki ja koodi eivät enää toimi. Pyydä uusi viesti, jos haluat kirjautua.
code-dead-voided = Tämä viesti on mitätöity (”En pyytänyt tätä”), joten sen koodi ei enää toimi. Pyydä uusi viesti kirjautuaksesi.

# ”En pyytänyt tätä” (jokaisen kirjautumisviestin toinen linkki).
not-me-title = Etkö pyytänyt kirjautumista?
not-me-what = Joku pyysi kirjautumista osoitteella { $email } { $when }. Selain: { $browser }.
not-me-explain = Jos et se ollut sinä, mitätöi tämä viesti. Sen linkki ja koodi lakkaavat toimimasta, sillä kirjautunut kirjataan ulos, ja jonkin aikaa uutta viestiä voivat pyytää vain selaimet, joilla on kirjauduttu tällä osoitteella aiemmin.
not-me-submit = Mitätöi tämä viesti
not-me-was-me = Jos se olit sinä, sulje tämä sivu ja käytä viestin linkkiä tai koodia. Mitään ei tapahdu ennen kuin painat painiketta.
not-me-done-title = Viesti on mitätöity
not-me-done-text = Sen linkki ja koodi eivät enää toimi. Kukaan ei ollut kirjautunut sillä.
not-me-done-ended = Joku oli jo kirjautunut sillä. Se istunto on kirjattu ulos.
not-me-done-ended-all = Joku oli jo kirjautunut sillä, joten kaikki tämän tilin istunnot on kirjattu ulos, myös sinun.
not-me-done-held = Uudet kirjautumisviestit tähän osoitteeseen on keskeytetty; ne jatkuvat { $wait }. Selaimet, joilla on kirjauduttu tällä osoitteella aiemmin, voivat yhä pyytää viestin.
not-me-done-next = Kukaan ei voi kirjautua ilman tähän osoitteeseen lähetettyjä viestejä. Jos saat edelleen viestejä, joita et pyytänyt, varmista, että sähköpostitilisi on turvassa.
not-me-already-title = Viesti oli jo mitätöity
not-me-already-text = Sen linkki ja koodi eivät enää toimi. Muuta ei tarvitse tehdä.
not-me-expired-title = Viesti on vanhentunut
not-me-expired-text = Kukaan ei kirjautunut sillä, eivätkä sen linkki ja koodi enää toimi. Muuta ei tarvitse tehdä.
## Changing the address (/account/email)

account-change-address = Vaihda sähköpostiosoite
account-address-changed = Sähköpostiosoitteesi on vaihdettu. Ilmoitimme vanhaan osoitteeseesi ja kirjasimme sinut ulos kaikkialta muualta.
account-address-fixed = Sähköpostiosoitettasi ei voi vaihtaa täällä. Jos sinun täytyy vaihtaa se, ota yhteyttä palvelun ylläpitoon.
address-title = Vaihda sähköpostiosoite
address-current = Osoitteesi on { $email }.
address-new-label = Uusi sähköpostiosoite
address-new-hint = Lähetämme uuteen osoitteeseen koodin ja linkin. Mikään ei muutu ennen kuin käytät jompaakumpaa, ja silloin ilmoitamme nykyiseen osoitteeseesi.
address-submit = Lähetä vahvistus
address-reauth = Turvallisuutesi vuoksi vahvista ensin, että kyse on sinusta: lähetämme kirjautumislinkin nykyiseen osoitteeseesi. Palaa sitten tänne.
address-reauth-submit = Lähetä minulle kirjautumislinkki
address-back = Takaisin tiliisi
address-requested = Pyydetty { $when }. Selain: { $browser }.
address-check-title = Tarkista uusi osoitteesi
address-check-sent = Lähetimme koodin ja linkin osoitteeseen { $email }. Syötä koodi tähän tai avaa linkki.
address-check-submit = Vaihda osoitteeni
address-another = Käytä toista osoitetta
address-confirm-title = Vaihdetaanko sähköpostiosoite?
address-confirm-question = Tehdäänkö osoitteesta { $email } tilisi osoite?
address-confirm-submit = Kyllä, vaihda
address-undo-title = Perutaanko osoitteen vaihto?
address-undo-question = Tilisi osoitteeksi vaihdettiin { $email }. Jos se et ollut sinä, peru vaihto: tämä osoite palautetaan ja tilisi kirjataan ulos kaikkialta.
address-undo-submit = Peru vaihto
address-done-title = Sähköpostiosoitteesi on vaihdettu
address-done-elsewhere = Tilisi osoite on nyt { $email }, ja tili on kirjattu ulos kaikkialta. Kirjaudu sisään uudella osoitteella.
address-sign-in = Kirjaudu sisään
address-undone-title = Vaihto on peruttu
address-undone-text = Tilisi osoite on taas { $email }, ja tili on kirjattu ulos kaikkialta. Kirjaudu sisään ja tarkista, missä olet kirjautuneena.
address-error-same = Se on jo osoitteesi.
address-error-limited = Tähän osoitteeseen on lähetetty liian monta viestiä. Yritä uudelleen { $wait }.
address-problem-title = Tämä ei enää toimi
address-problem-unknown = Tämä linkki ei kelpaa. Aloita alusta tilisivultasi.
address-problem-taken = Toinen tili käyttää jo tätä osoitetta, joten mitään ei muutettu.
address-problem-confirmed = Tämä vaihto on jo tehty.
address-problem-reverted = Tämä vaihto on jo peruttu.
address-problem-expired = Tämä on vanhentunut. Aloita alusta tilisivultasi.
address-problem-superseded = Uudempi vaihto korvasi tämän, tai se peruttiin. Käytä uusinta viestiä.
address-problem-too-many = Liian monta väärää koodia syötettiin. Aloita alusta tilisivultasi.

## Recent activity on the account page: what happened, then when and from which browser.
trail-title = Viimeaikainen toiminta
trail-empty = Tilillä ei ole vielä tapahtunut mitään.
trail-unavailable = Viimeaikaista toimintaa ei voi juuri nyt näyttää. Kaikki muu tällä sivulla toimii.
trail-from = Selain: { $browser } ({ $ip })
trail-operator = ylläpitäjä
trail-email-requested = Kirjautumissähköposti lähetetty
trail-signed-in-link = Kirjauduttu linkillä
trail-signed-in-code = Kirjauduttu koodilla
trail-wrong-code = Väärä koodi syötetty
trail-signed-out = Kirjauduttu ulos
trail-signed-out-elsewhere = Kirjauduttu ulos kaikkialta muualta
trail-signed-out-everywhere = Kirjauduttu ulos kaikkialta
trail-session-ended = Istunto lopetettiin
trail-not-me = Ilmoitettu ”en se ollut minä”
trail-operator-ended-sessions = Ylläpitäjä kirjasi tilin ulos kaikkialta
trail-operator-lifted-back-off = Ylläpitäjä poisti väärien koodien jälkeisen odotuksen
trail-address-changed = Sähköpostiosoite vaihdettu
trail-address-change-undone = Sähköpostiosoitteen vaihto peruttu

## Signing in to an application (OAuth2 / OpenID Connect through Ory Hydra).
# { $app } is the application's name, as its operator registered it.
app-continue-to = Jatkaaksesi sovellukseen { $app }
app-the-app = sovellus
app-continuing = Siirrytään sovellukseen { $app }…
app-continuing-plain = Siirrytään…
app-continuing-text = Sinut ohjataan takaisin. Jos mitään ei tapahdu, käytä painiketta.
app-continue = Jatka
app-gone-title = Tämä pyyntö on vanhentunut
app-missing-title = Ei mitään jatkettavaa
app-gone-text = Palaa sinne, missä { $app } pyysi sinua kirjautumaan, ja aloita sieltä alusta.
app-signed-in-gone-title = Olet kirjautunut sisään, mutta pyyntö vanheni
app-signed-in-here-title = Olet kirjautunut sisään täällä
app-signed-in-here-text = Palaa selaimeen tai laitteeseen, jolla aloitit, niin { $app } voi jatkaa.
confirm-app-title = Jatka siellä, missä aloitit
confirm-app-elsewhere = Tämä kirjautuminen sovellukseen { $app } aloitettiin toisella selaimella tai toisella laitteella.
confirm-app-elsewhere-code = Jatkaaksesi sovellukseen { $app } kirjoita tämän viestin koodi siellä.
confirm-app-elsewhere-link = Jatkaaksesi sovellukseen { $app } avaa tämä linkki siinä selaimessa.
confirm-app-unused = Täällä ei käytetty mitään: viesti toimii siellä yhä.
## The consent page: what the application may do, each scope in plain words.
consent-title = Annetaanko sovellukselle { $app } käyttöoikeus?
consent-as = Olet kirjautunut osoitteella { $email }.
consent-asks = { $app } haluaa:
consent-remember = Muista valintani tälle sovellukselle
consent-allow = Salli
consent-deny = Kiellä
consent-later = Voit kirjautua ulos sovelluksesta milloin tahansa.
scope-openid = Tietää, että kyse on sinusta
scope-email = Nähdä sähköpostiosoitteesi
scope-profile = Nähdä perusprofiilisi
scope-offline = Pysyä kirjautuneena, kun et käytä sitä
scope-other = Muu käyttöoikeus: { $scope }
## Signing out of an application.
app-logout-title = Kirjaudutaanko ulos sovelluksesta { $app }?
app-logout-title-plain = Kirjaudutaanko ulos?
app-logout-text = Samalla sinut kirjataan ulos myös palvelusta { $product } tällä selaimella.
app-logout-yes = Kirjaudu ulos
app-logout-no = Pysy kirjautuneena
