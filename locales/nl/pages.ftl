# Iris: de teksten van alle pagina's (Nederlands, aanspreekvorm "je"). Engels is de referentie:
# elke taal heeft precies dezelfde sleutels (tests/api/i18n.rs controleert dat).
#
# Placeholders: { $email } is een gemaskeerd adres (j***@example.com), { $wait } een zinsdeel uit
# "Wachttijden" hieronder ("over 58 seconden"), { $when } een uit "Tijden" ("vandaag om 19:15 UTC"),
# { $browser } een uit "Browsers" ("Chrome op Linux", staat na "via").

## Wachttijden: het einde van "… Probeer het { $wait } opnieuw" en "… { $wait } een nieuwe e-mail aanvragen".

wait-moment = zo meteen
wait-seconds = over { $n ->
    [one] { $n } seconde
   *[other] { $n } seconden
}
wait-minutes = over { $n ->
    [one] { $n } minuut
   *[other] { $n } minuten
}
wait-hours = over ongeveer { $n ->
    [one] { $n } uur
   *[other] { $n } uur
}

## Tijden, altijd in UTC: { $time } is 19:15, { $date } een datum uit "date" hieronder.

time-today = vandaag om { $time } UTC
time-yesterday = gisteren om { $time } UTC
time-date = op { $date } om { $time } UTC
date = { $day } { $month ->
    [1] januari
    [2] februari
    [3] maart
    [4] april
    [5] mei
    [6] juni
    [7] juli
    [8] augustus
    [9] september
    [10] oktober
    [11] november
   *[12] december
} { $year }

## Browsers: welke browser het verzoek deed, aan het einde van "Aangevraagd … via { $browser }".
## { $name } is een productnaam (Firefox, Chrome), { $os } een systeem (Linux, Android).

browser-on-os = { $name } op { $os }
browser-only = { $name }
browser-title-on-os = { $name } op { $os }
browser-title-only = { $name }
browser-title-unknown = Onbekende browser
browser-unknown = een onbekende browser

## Gedeeld door meerdere pagina's

page-title = { $title } · { $product }
go-to-sign-in = Naar inloggen
back-to-sign-in = Terug naar inloggen
start-again = Opnieuw beginnen
use-another-address = Een ander e-mailadres gebruiken
request-id = Aanvraag-ID: { $id }

## E-mailadres invullen (/login)

login-title = Inloggen
login-email-label = E-mailadres
login-hint-link = We sturen je een link en een code per e-mail.
login-hint-code = We sturen je een 6-cijferige code per e-mail.
login-hint-link-only = We sturen je een inloglink per e-mail.
login-submit = Doorgaan met e-mail
email-error-empty = Vul je e-mailadres in.
email-error-too-long = Dat e-mailadres is te lang.
email-error-not-bare = Vul alleen het e-mailadres zelf in, zoals naam@example.com.
email-error-malformed = Dat lijkt geen e-mailadres. Controleer het en probeer het opnieuw.
email-error-local-part = Vóór de @ zijn alleen gewone letters, cijfers en . _ + - toegestaan.
email-error-domain = Het deel na de @ is geen geldig domein.

## Controleer je inbox (/login/check-email), met het codeveld

check-title = Controleer je inbox
check-sent-link = We hebben een inloglink en een 6-cijferige code naar { $email } gestuurd.
check-sent-code = We hebben een 6-cijferige code naar { $email } gestuurd.
check-sent-link-only = We hebben een inloglink naar { $email } gestuurd.
check-open-link = Open de link op een willekeurig apparaat, of typ de code hier.
check-open-link-only = Open de link uit de e-mail op een willekeurig apparaat.
check-delivery-failed = We konden die e-mail niet afleveren. Controleer het adres of stuur een nieuwe.
check-again-link = We hebben je net al een e-mail gestuurd, dus we hebben geen nieuwe verstuurd. Gebruik de link of code uit die e-mail.
check-again-code = We hebben je net al een e-mail gestuurd, dus we hebben geen nieuwe verstuurd. Gebruik de code uit die e-mail.
check-sent-again-link = We hebben je een nieuwe e-mail gestuurd. Eerdere links en codes werken niet meer.
check-sent-again-code = We hebben je een nieuwe e-mail gestuurd. Eerdere codes werken niet meer.
code-label = 6-cijferige code
code-hint = De code staat bovenaan in de e-mail.
code-submit = Inloggen
resend-later = Niets ontvangen? Je kunt { $wait } een nieuwe e-mail aanvragen. Kijk intussen even in je spammap.
resend-now = Niets ontvangen? Kijk in je spammap, of:
resend-button = Nieuwe e-mail sturen

## Waarom een code is geweigerd (getoond bij het codeveld)

code-error-empty = Vul de 6-cijferige code uit de e-mail in.
code-error-wrong = Die code klopt niet. { $left ->
    [one] Je hebt nog { $left } poging over.
   *[other] Je hebt nog { $left } pogingen over.
}
code-error-wrong-check = Die code klopt niet. Controleer de e-mail en probeer het opnieuw.
code-error-too-many = Er zijn te veel verkeerde codes ingevoerd. Vraag hieronder een nieuwe e-mail aan.
code-error-locked = Er zijn te veel verkeerde codes ingevoerd voor dit adres. Probeer het { $wait } opnieuw.
code-error-expired = Deze code is verlopen. Vraag hieronder een nieuwe e-mail aan; je hoeft niets opnieuw in te typen.
code-error-dead = Deze code werkt niet meer. Vraag hieronder een nieuwe e-mail aan.

## Waarom de code op de inboxpagina niet meer werkt

code-dead-used = Deze code is al gebruikt. Vraag een nieuwe e-mail aan om opnieuw in te loggen.
code-dead-replaced = Er is een nieuwere e-mail naar dit adres gestuurd. Gebruik de code uit de nieuwste e-mail, of vraag een nieuwe aan.
code-dead-expired = Deze code is verlopen. Vraag een nieuwe e-mail aan om in te loggen.
code-dead-too-many = Er zijn te veel verkeerde codes ingevoerd, dus deze code werkt niet meer. Vraag een nieuwe e-mail aan.
code-dead-unknown = Dit inlogverzoek bestaat niet meer. Begin opnieuw.

## Inloggen bevestigen (de link uit de e-mail)

confirm-title = Inloggen bevestigen
confirm-question = Inloggen als { $email }?
confirm-requested = Aangevraagd { $when } via { $browser }.
confirm-same-browser = Je hebt deze link in deze browser aangevraagd.
confirm-other-browser = Deze link is niet in deze browser aangevraagd. Ga alleen verder als je hem zelf hebt aangevraagd, op een ander apparaat.
confirm-submit = Inloggen
confirm-ignore = Heb je niet gevraagd om in te loggen? Sluit dan deze pagina. Er gebeurt niets zolang je niet op de knop drukt.

## Links die niet meer werken

link-invalid-title = Deze link werkt niet
link-invalid-text = De link is onvolledig of is nooit uitgegeven. Kopieer de volledige link uit de e-mail, of begin opnieuw.
link-used-title = Deze link is al gebruikt
link-used-text = Met elke link en code kun je één keer inloggen. Vraag een nieuwe aan als je opnieuw wilt inloggen.
link-replaced-title = Er is een nieuwere e-mail gestuurd
link-replaced-text = Deze link is vervangen door een nieuwere. Gebruik de nieuwste e-mail, of vraag een nieuwe aan.
link-expired-title = Deze link is verlopen
link-expired-text = Inloglinks werken maar een paar minuten, zodat je account veilig blijft.
link-too-many-title = Te veel pogingen
link-too-many-text = Er zijn te veel verkeerde codes geprobeerd voor deze e-mail, dus de link en code daaruit werken niet meer.
link-locked-text = Er zijn te veel verkeerde codes geprobeerd voor dit adres. Probeer het { $wait } opnieuw.
link-send-new = Nieuwe link sturen naar { $email }

## Ingelogd (/)

account-title = Je bent ingelogd
account-signed-in-as = Ingelogd als { $email }.
account-since = Je bent { $when } ingelogd.
account-sign-out = Uitloggen
account-others-ended = Je andere sessies zijn afgemeld.
account-sessions = Waar je bent ingelogd
account-this-browser = Deze browser
account-session-by-link = Ingelogd met een e-maillink, { $when }.
account-session-by-code = Ingelogd met een code, { $when }.
account-session-last-seen = Laatst actief { $when }.
account-session-network = Netwerk { $ip }.
account-session-sign-out = Uitloggen
account-session-ended = Die sessie is uitgelogd.
account-no-other-sessions = Je bent nergens anders ingelogd.
account-other-sessions-text = Aangemeld op een apparaat dat je niet meer gebruikt of dat niet van jou is? Beëindig die sessies hier.
account-sign-out-others = Overal elders afmelden
account-sign-out-everywhere = Overal afmelden

## Limieten

too-many-title = Te veel pogingen
too-many-text = Te veel verzoeken. Probeer het voor je veiligheid { $wait } opnieuw.
paused-title = Inlogmails zijn tijdelijk gepauzeerd
paused-text = We hebben vandaag zoveel inlogmails verstuurd als veilig kan, dus er kan nu geen nieuwe meer worden verstuurd. Probeer het { $wait } opnieuw.
paused-still-works = Een code of link die je al hebt ontvangen, blijft werken tot hij verloopt.

## Foutpagina's, per HTTP-status

error-400-title = Dat is niet gelukt
error-400-text = Het verzoek was onvolledig of ongeldig. Ga terug en probeer het opnieuw.
error-403-title = Dit formulier is verlopen
error-403-text = Voor je veiligheid werken formulieren alleen op de pagina waar ze vandaan komen. Laad de pagina opnieuw en probeer het nog eens.
error-404-title = Pagina niet gevonden
error-404-text = Er staat niets op dit adres.
error-405-title = Dat werkt hier niet
error-405-text = Dit adres accepteert dit soort verzoeken niet.
error-413-title = Te veel gegevens
error-413-text = Het formulier heeft meer gegevens verstuurd dan we accepteren.
error-415-title = Dat is niet gelukt
error-415-text = Het formulier is verstuurd in een indeling die we niet accepteren.
error-503-title = Inloggen is nu niet beschikbaar
error-503-text = Een dienst waarvan we afhankelijk zijn, reageert niet. Er is niets gewijzigd; probeer het over een minuut opnieuw.
error-other-title = Er is iets misgegaan
error-other-text = Er is niets gewijzigd. Probeer het opnieuw.

## Fouten die Kratos meldt (/error?id=…), per fout-ID van Kratos

kratos-error-title = Inloggen is niet gelukt
kratos-error-text = Er ging onderweg iets mis. Er is niets gewijzigd; begin opnieuw.
kratos-error-csrf = Het inlogformulier is verlopen of is in een andere browser geopend.
kratos-error-expired = Het inloggen duurde te lang en is verlopen.
kratos-error-return-to = We mogen je niet terugsturen naar de pagina waar je vandaan kwam.
kratos-error-signed-in = Je bent al ingelogd.
kratos-error-disabled = Deze manier van inloggen is uitgeschakeld.

link-voided-title = Deze e-mail is stopgezet
link-voided-text = Iemand gaf aan deze e-mail niet te hebben aangevraagd, dus de link en code werken niet meer. Vraag een nieuwe e-mail aan om in te loggen.
code-dead-voided = Deze e-mail is stopgezet ('Ik heb dit niet aangevraagd'), dus de code werkt niet meer. Vraag een nieuwe e-mail aan om in te loggen.

# 'Dit was ik niet' (de tweede link in elke inlogmail).
not-me-title = Niet gevraagd om in te loggen?
not-me-what = Iemand vroeg { $when } via { $browser } om in te loggen als { $email }.
not-me-explain = Was jij dit niet? Zet deze e-mail dan stop. De link en code werken dan niet meer, wie ermee is ingelogd wordt uitgelogd, en een tijdlang kunnen alleen browsers die eerder met dit adres zijn ingelogd een nieuwe e-mail aanvragen.
not-me-submit = Deze e-mail stopzetten
not-me-was-me = Was jij het wel? Sluit dan deze pagina en gebruik de link of code uit de e-mail. Er gebeurt niets tot je op de knop drukt.
not-me-done-title = Deze e-mail is stopgezet
not-me-done-text = De link en code werken niet meer. Niemand was ermee ingelogd.
not-me-done-ended = Iemand was er al mee ingelogd. Die sessie is uitgelogd.
not-me-done-ended-all = Iemand was er al mee ingelogd, dus alle sessies van dit account zijn uitgelogd, ook die van jou.
not-me-done-held = Nieuwe inlogmails naar dit adres zijn gepauzeerd; ze kunnen { $wait } weer. Browsers die eerder met dit adres zijn ingelogd, kunnen er nog steeds een aanvragen.
not-me-done-next = Zonder de e-mails naar dit adres kan niemand inloggen. Krijg je steeds e-mails die je niet hebt aangevraagd? Controleer dan of je e-mailaccount veilig is.
not-me-already-title = Deze e-mail was al stopgezet
not-me-already-text = De link en code werken niet meer. Je hoeft verder niets te doen.
not-me-expired-title = Deze e-mail is verlopen
not-me-expired-text = Niemand is ermee ingelogd, en de link en code werken niet meer. Je hoeft verder niets te doen.
## Changing the address (/account/email)

account-change-address = Je e-mailadres wijzigen
account-address-changed = Je e-mailadres is gewijzigd. We hebben je oude adres ingelicht en je overal elders uitgelogd.
account-address-fixed = Je e-mailadres kan hier niet worden gewijzigd. Moet het anders, vraag het dan aan de beheerder van de dienst.
address-title = Je e-mailadres wijzigen
address-current = Je adres is { $email }.
address-new-label = Nieuw e-mailadres
address-new-hint = We sturen een code en een link naar het nieuwe adres. Er verandert niets tot je een van beide gebruikt, en dan lichten we je huidige adres in.
address-submit = Bevestiging sturen
address-reauth = Bevestig voor je veiligheid eerst dat jij het bent: we sturen een inloglink naar je huidige adres. Kom daarna hier terug.
address-reauth-submit = Stuur me een inloglink
address-back = Terug naar je account
address-requested = Aangevraagd { $when } via { $browser }.
address-check-title = Controleer je nieuwe adres
address-check-sent = We hebben een code en een link naar { $email } gestuurd. Vul de code hier in of open de link.
address-check-submit = Mijn adres wijzigen
address-another = Een ander adres gebruiken
address-confirm-title = Je e-mailadres wijzigen?
address-confirm-question = { $email } het adres van je account maken?
address-confirm-submit = Ja, wijzigen
address-undo-title = Adreswijziging ongedaan maken?
address-undo-question = Het adres van je account is gewijzigd in { $email }. Was jij dat niet, maak het dan ongedaan: dit adres komt terug en je account wordt overal uitgelogd.
address-undo-submit = Wijziging ongedaan maken
address-done-title = Je e-mailadres is gewijzigd
address-done-elsewhere = Het adres van je account is nu { $email }, en het is overal uitgelogd. Log in met het nieuwe adres.
address-sign-in = Inloggen
address-undone-title = De wijziging is ongedaan gemaakt
address-undone-text = Het adres van je account is weer { $email }, en het is overal uitgelogd. Log in en controleer waar je bent ingelogd.
address-error-same = Dat is al je adres.
address-error-limited = Er zijn te veel e-mails naar dat adres gestuurd. Probeer het { $wait } opnieuw.
address-problem-title = Dit werkt niet meer
address-problem-unknown = Deze link is ongeldig. Begin opnieuw vanaf je accountpagina.
address-problem-taken = Een ander account gebruikt dat adres al, dus er is niets gewijzigd.
address-problem-confirmed = Deze wijziging is al doorgevoerd.
address-problem-reverted = Deze wijziging is al ongedaan gemaakt.
address-problem-expired = Dit is verlopen. Begin opnieuw vanaf je accountpagina.
address-problem-superseded = Een nieuwere wijziging heeft deze vervangen, of hij is ongedaan gemaakt. Gebruik de nieuwste e-mail.
address-problem-too-many = Er zijn te veel verkeerde codes ingevuld. Begin opnieuw vanaf je accountpagina.

## Recent activity on the account page: what happened, then when and from which browser.
trail-title = Recente activiteit
trail-empty = Er is nog niets gebeurd met dit account.
trail-unavailable = Recente activiteit kan nu niet worden getoond. Al het andere op deze pagina werkt.
trail-from = via { $browser } ({ $ip })
trail-operator = door een beheerder
trail-email-requested = Inlogmail verstuurd
trail-signed-in-link = Ingelogd met een link
trail-signed-in-code = Ingelogd met een code
trail-wrong-code = Verkeerde code ingevoerd
trail-signed-out = Uitgelogd
trail-signed-out-elsewhere = Overal elders afgemeld
trail-signed-out-everywhere = Overal afgemeld
trail-session-ended = Een sessie is beëindigd
trail-not-me = „Dit was ik niet” gemeld
trail-operator-ended-sessions = Een beheerder heeft dit account overal afgemeld
trail-operator-lifted-back-off = Een beheerder heeft de wachttijd na verkeerde codes opgeheven
trail-address-changed = E-mailadres gewijzigd
trail-address-change-undone = Wijziging van e-mailadres ongedaan gemaakt

## Signing in to an application (OAuth2 / OpenID Connect through Ory Hydra).
# { $app } is the application's name, as its operator registered it.
app-continue-to = Om verder te gaan naar { $app }
app-the-app = de app
app-continuing = Doorsturen naar { $app }…
app-continuing-plain = Doorsturen…
app-continuing-text = Je wordt teruggestuurd. Gebeurt er niets? Gebruik dan de knop.
app-continue = Doorgaan
app-gone-title = Dit verzoek is verlopen
app-missing-title = Er is niets om mee verder te gaan
app-gone-text = Ga terug naar { $app } en begin daar opnieuw.
app-signed-in-gone-title = Je bent ingelogd, maar het verzoek is verlopen
app-signed-in-here-title = Je bent hier ingelogd
app-signed-in-here-text = Ga terug naar de browser of het apparaat waar je begon om verder te gaan naar { $app }.
confirm-app-title = Ga verder waar je begon
confirm-app-elsewhere = Deze inlogpoging bij { $app } is gestart in een andere browser of op een ander apparaat.
confirm-app-elsewhere-code = Typ daar de code uit deze e-mail om verder te gaan naar { $app }.
confirm-app-elsewhere-link = Open deze link in die browser om verder te gaan naar { $app }.
confirm-app-unused = Hier is niets gebruikt: de e-mail werkt daar nog steeds.
## The consent page: what the application may do, each scope in plain words.
consent-title = { $app } toegang geven?
consent-as = Je bent ingelogd als { $email }.
consent-asks = { $app } wil graag:
consent-remember = Mijn keuze voor deze app onthouden
consent-allow = Toestaan
consent-deny = Weigeren
consent-later = Je kunt op elk moment uitloggen bij de app.
scope-openid = Weten dat jij het bent
scope-email = Je e-mailadres zien
scope-profile = Je basisprofiel zien
scope-offline = Ingelogd blijven als je de app niet gebruikt
scope-other = Andere toegang: { $scope }
## Signing out of an application.
app-logout-title = Uitloggen bij { $app }?
app-logout-title-plain = Uitloggen?
app-logout-text = Je wordt in deze browser ook uitgelogd bij { $product }.
app-logout-yes = Uitloggen
app-logout-no = Ingelogd blijven
