# Iris: texterna på alla sidor (svenska, tilltal "du"). Engelskan är referensen: varje språk har
# exakt samma nycklar (tests/api/i18n.rs kontrollerar det).
#
# Platshållare: { $email } är en maskerad adress (j***@example.com), { $wait } en fras från
# "Väntetider" nedan ("om 58 sekunder"), { $when } en från "Tider" ("i dag kl. 19:15 UTC"),
# { $browser } en från "Webbläsare" ("Chrome på Linux", står efter "från").

## Väntetider: slutet på "… Försök igen { $wait }" och "… begära ett nytt mejl { $wait }".

wait-moment = om en liten stund
wait-seconds = om { $n ->
    [one] { $n } sekund
   *[other] { $n } sekunder
}
wait-minutes = om { $n ->
    [one] { $n } minut
   *[other] { $n } minuter
}
wait-hours = om ungefär { $n ->
    [one] { $n } timme
   *[other] { $n } timmar
}

## Tider, alltid i UTC: { $time } är 19:15, { $date } ett datum från "date" nedan.

time-today = i dag kl. { $time } UTC
time-yesterday = i går kl. { $time } UTC
time-date = den { $date } kl. { $time } UTC
date = { $day } { $month ->
    [1] januari
    [2] februari
    [3] mars
    [4] april
    [5] maj
    [6] juni
    [7] juli
    [8] augusti
    [9] september
    [10] oktober
    [11] november
   *[12] december
} { $year }

## Webbläsare: vilken webbläsare som begärde inloggningen, i slutet av "… från { $browser }".
## { $name } är ett produktnamn (Firefox, Chrome), { $os } ett system (Linux, Android).

browser-on-os = { $name } på { $os }
browser-only = { $name }
browser-title-on-os = { $name } på { $os }
browser-title-only = { $name }
browser-title-unknown = Okänd webbläsare
browser-unknown = en okänd webbläsare

## Delas av flera sidor

page-title = { $title } · { $product }
go-to-sign-in = Till inloggningen
back-to-sign-in = Tillbaka till inloggningen
start-again = Börja om
use-another-address = Använd en annan e-postadress
request-id = Förfrågnings-ID: { $id }

## Ange e-postadress (/login)

login-title = Logga in
login-email-label = E-postadress
login-hint-link = Vi mejlar dig en länk och en kod.
login-hint-code = Vi mejlar dig en 6-siffrig kod.
login-hint-link-only = Vi mejlar dig en inloggningslänk.
login-submit = Fortsätt med e-post
email-error-empty = Ange din e-postadress.
email-error-too-long = E-postadressen är för lång.
email-error-not-bare = Ange bara själva e-postadressen, till exempel namn@example.com.
email-error-malformed = Det där ser inte ut som en e-postadress. Kontrollera den och försök igen.
email-error-local-part = Använd bara vanliga bokstäver, siffror och . _ + - före @.
email-error-domain = Delen efter @ är ingen giltig domän.

## Kolla din inkorg (/login/check-email), med kodfältet

check-title = Kolla din inkorg
check-sent-link = Vi har skickat en inloggningslänk och en 6-siffrig kod till { $email }.
check-sent-code = Vi har skickat en 6-siffrig kod till { $email }.
check-sent-link-only = Vi har skickat en inloggningslänk till { $email }.
check-open-link = Öppna länken på valfri enhet eller skriv in koden här.
check-open-link-only = Öppna länken i mejlet på valfri enhet.
check-delivery-failed = Vi kunde inte leverera mejlet. Kontrollera adressen eller skicka ett nytt.
check-again-link = Vi skickade ett mejl till dig för bara en liten stund sedan, så vi har inte skickat något nytt. Använd länken eller koden i det mejlet.
check-again-code = Vi skickade ett mejl till dig för bara en liten stund sedan, så vi har inte skickat något nytt. Använd koden i det mejlet.
check-sent-again-link = Vi har skickat ett nytt mejl till dig. Tidigare länkar och koder fungerar inte längre.
check-sent-again-code = Vi har skickat ett nytt mejl till dig. Tidigare koder fungerar inte längre.
code-label = 6-siffrig kod
code-hint = Koden står i början av mejlet.
code-submit = Logga in
resend-later = Har du inte fått något mejl? Du kan begära ett nytt { $wait }. Titta i skräpposten så länge.
resend-now = Har du inte fått något mejl? Titta i skräpposten, eller:
resend-button = Skicka ett nytt mejl

## Varför en kod nekades (visas vid kodfältet)

code-error-empty = Ange den 6-siffriga koden från mejlet.
code-error-wrong = Koden stämmer inte. { $left ->
    [one] Du har { $left } försök kvar.
   *[other] Du har { $left } försök kvar.
}
code-error-wrong-check = Koden stämmer inte. Kontrollera mejlet och försök igen.
code-error-too-many = För många felaktiga koder har angetts. Begär ett nytt mejl nedan.
code-error-locked = För många felaktiga koder har angetts för den här adressen. Försök igen { $wait }.
code-error-expired = Koden har gått ut. Begär ett nytt mejl nedan – du behöver inte skriva in något igen.
code-error-dead = Koden fungerar inte längre. Begär ett nytt mejl nedan.

## Varför koden på inkorgssidan inte längre fungerar

code-dead-used = Koden har redan använts. Begär ett nytt mejl för att logga in igen.
code-dead-replaced = Ett nyare mejl har skickats till den här adressen. Använd koden i det senaste mejlet eller begär ett nytt.
code-dead-expired = Koden har gått ut. Begär ett nytt mejl för att logga in.
code-dead-too-many = För många felaktiga koder har angetts, så den här koden fungerar inte längre. Begär ett nytt mejl.
code-dead-unknown = Den här inloggningsbegäran finns inte längre. Börja om.

## Bekräfta inloggning (länken i mejlet)

confirm-title = Bekräfta inloggning
confirm-question = Logga in som { $email }?
confirm-requested = Begäran gjordes { $when } från { $browser }.
confirm-same-browser = Du begärde den här länken i den här webbläsaren.
confirm-other-browser = Länken begärdes inte i den här webbläsaren. Fortsätt bara om du själv har begärt den på en annan enhet.
confirm-submit = Logga in
confirm-ignore = Om du inte har bett om att logga in kan du stänga den här sidan. Ingenting händer förrän du trycker på knappen.

## Länkar som inte längre fungerar

link-invalid-title = Länken fungerar inte
link-invalid-text = Länken är ofullständig eller har aldrig utfärdats. Kopiera hela länken från mejlet eller börja om.
link-used-title = Länken har redan använts
link-used-text = Varje länk och kod kan bara användas en gång för att logga in. Begär en ny om du behöver logga in igen.
link-replaced-title = Ett nyare mejl har skickats
link-replaced-text = Länken har ersatts av en nyare. Använd det senaste mejlet eller begär ett nytt.
link-expired-title = Länken har gått ut
link-expired-text = Inloggningslänkar fungerar bara i några minuter, för att skydda ditt konto.
link-too-many-title = För många försök
link-too-many-text = För många felaktiga koder har provats för det här mejlet, så länken och koden i det fungerar inte längre.
link-locked-text = För många felaktiga koder har provats för den här adressen. Försök igen { $wait }.
link-send-new = Skicka en ny länk till { $email }

## Inloggad (/)

account-title = Du är inloggad
account-signed-in-as = Inloggad som { $email }.
account-since = Du loggade in { $when }.
account-sign-out = Logga ut
account-others-ended = Dina andra sessioner är utloggade.
account-sessions = Där du är inloggad
account-this-browser = Den här webbläsaren
account-session-by-link = Inloggad med en e-postlänk { $when }.
account-session-by-code = Inloggad med en kod { $when }.
account-session-last-seen = Senast aktiv { $when }.
account-session-network = Nätverk { $ip }.
account-session-sign-out = Logga ut
account-session-ended = Den sessionen är utloggad.
account-no-other-sessions = Du är inte inloggad någon annanstans.
account-other-sessions-text = Inloggad på en enhet du inte längre använder, eller som inte är din? Avsluta de sessionerna här.
account-sign-out-others = Logga ut överallt annars
account-sign-out-everywhere = Logga ut överallt

## Begränsningar

too-many-title = För många försök
too-many-text = För många förfrågningar. Av säkerhetsskäl ber vi dig att försöka igen { $wait }.
paused-title = Inloggningsmejl är tillfälligt pausade
paused-text = Vi har skickat så många inloggningsmejl i dag som vi säkert kan, så inga nya kan skickas just nu. Försök igen { $wait }.
paused-still-works = En kod eller länk som du redan har fått fungerar tills den går ut.

## Felsidor, efter HTTP-status

error-400-title = Det fungerade inte
error-400-text = Begäran var ofullständig eller felaktig. Gå tillbaka och försök igen.
error-403-title = Formuläret har gått ut
error-403-text = Av säkerhetsskäl fungerar formulär bara på sidan de kommer från. Ladda om sidan och försök igen.
error-404-title = Sidan hittades inte
error-404-text = Det finns ingenting på den här adressen.
error-405-title = Det fungerar inte här
error-405-text = Den här adressen tar inte emot den typen av begäran.
error-413-title = För mycket data
error-413-text = Formuläret skickade mer data än vi tar emot.
error-415-title = Det fungerade inte
error-415-text = Formuläret skickades i ett format som vi inte tar emot.
error-503-title = Inloggningen är inte tillgänglig just nu
error-503-text = En tjänst som vi är beroende av svarar inte. Ingenting har ändrats. Försök igen om en minut.
error-other-title = Något gick fel
error-other-text = Ingenting har ändrats. Försök igen.

## Fel som Kratos rapporterar (/error?id=…), efter Kratos fel-ID

kratos-error-title = Inloggningen fungerade inte
kratos-error-text = Något gick fel på vägen. Ingenting har ändrats. Börja om från början.
kratos-error-csrf = Inloggningsformuläret har gått ut eller öppnades i en annan webbläsare.
kratos-error-expired = Inloggningen tog för lång tid och gick ut.
kratos-error-return-to = Vi får inte skicka dig tillbaka till sidan som skickade dig hit.
kratos-error-signed-in = Du är redan inloggad.
kratos-error-disabled = Det här sättet att logga in är avstängt.

link-voided-title = Mejlet har stoppats
link-voided-text = Någon angav att de inte bad om det här mejlet, så länken och koden fungerar inte längre. Begär ett nytt mejl för att logga in.
code-dead-voided = Mejlet har stoppats (”Jag bad inte om det här”), så koden fungerar inte längre. Begär ett nytt mejl för att logga in.

# ”Det var inte jag” (den andra länken i varje inloggningsmejl).
not-me-title = Bad du inte om att logga in?
not-me-what = Någon bad om att logga in som { $email } { $when } från { $browser }.
not-me-explain = Om det inte var du kan du stoppa mejlet. Länken och koden slutar då fungera, den som loggat in med det loggas ut, och under en tid kan bara webbläsare som loggat in med den här adressen tidigare begära ett nytt mejl.
not-me-submit = Stoppa mejlet
not-me-was-me = Om det var du, stäng sidan och använd länken eller koden i mejlet. Inget händer förrän du trycker på knappen.
not-me-done-title = Mejlet är stoppat
not-me-done-text = Länken och koden fungerar inte längre. Ingen hade loggat in med det.
not-me-done-ended = Någon hade redan loggat in med det. Den sessionen har loggats ut.
not-me-done-ended-all = Någon hade redan loggat in med det, så alla sessioner för kontot har loggats ut, även din.
not-me-done-held = Nya inloggningsmejl till adressen är pausade; de kan skickas igen { $wait }. Webbläsare som loggat in med adressen tidigare kan fortfarande begära ett.
not-me-done-next = Ingen kan logga in utan mejlen som skickas till adressen. Om du fortsätter att få mejl du inte bett om, se till att ditt e-postkonto är säkert.
not-me-already-title = Mejlet var redan stoppat
not-me-already-text = Länken och koden fungerar inte längre. Du behöver inte göra något mer.
not-me-expired-title = Mejlet har gått ut
not-me-expired-text = Ingen loggade in med det, och länken och koden fungerar inte längre. Du behöver inte göra något mer.
## Changing the address (/account/email)

account-change-address = Byt e-postadress
account-address-changed = Din e-postadress är bytt. Vi har meddelat din gamla adress och loggat ut dig överallt annars.
account-address-fixed = Din e-postadress kan inte bytas här. Om du behöver byta den, vänd dig till tjänstens administratör.
address-title = Byt e-postadress
address-current = Din adress är { $email }.
address-new-label = Ny e-postadress
address-new-hint = Vi skickar en kod och en länk till den nya adressen. Inget ändras förrän du använder någon av dem, och då meddelar vi din nuvarande adress.
address-submit = Skicka bekräftelsen
address-reauth = För din säkerhet, bekräfta först att det är du: vi skickar en inloggningslänk till din nuvarande adress. Kom sedan tillbaka hit.
address-reauth-submit = Skicka en inloggningslänk till mig
address-back = Tillbaka till ditt konto
address-requested = Begärdes { $when } från { $browser }.
address-check-title = Kontrollera din nya adress
address-check-sent = Vi har skickat en kod och en länk till { $email }. Ange koden här eller öppna länken.
address-check-submit = Byt min adress
address-another = Använd en annan adress
address-confirm-title = Byta e-postadress?
address-confirm-question = Göra { $email } till ditt kontos adress?
address-confirm-submit = Ja, byt
address-undo-title = Ångra adressbytet?
address-undo-question = Ditt kontos adress har bytts till { $email }. Om det inte var du, ångra det: den här adressen kommer tillbaka och ditt konto loggas ut överallt.
address-undo-submit = Ångra bytet
address-done-title = Din e-postadress är bytt
address-done-elsewhere = Ditt kontos adress är nu { $email }, och det är utloggat överallt. Logga in med den nya adressen.
address-sign-in = Logga in
address-undone-title = Bytet är ångrat
address-undone-text = Ditt kontos adress är { $email } igen, och det är utloggat överallt. Logga in och kontrollera var du är inloggad.
address-error-same = Det är redan din adress.
address-error-limited = För många e-postmeddelanden har skickats till den adressen. Försök igen { $wait }.
address-problem-title = Det här fungerar inte längre
address-problem-unknown = Länken är ogiltig. Börja om från din kontosida.
address-problem-taken = Ett annat konto använder redan den adressen, så inget ändrades.
address-problem-confirmed = Det här bytet är redan gjort.
address-problem-reverted = Det här bytet är redan ångrat.
address-problem-expired = Det här har gått ut. Börja om från din kontosida.
address-problem-superseded = Ett nyare byte ersatte det här, eller så ångrades det. Använd det senaste meddelandet.
address-problem-too-many = För många felaktiga koder angavs. Börja om från din kontosida.

## Recent activity on the account page: what happened, then when and from which browser.
trail-title = Senaste aktivitet
trail-empty = Inget har hänt med det här kontot än.
trail-unavailable = Senaste aktivitet kan inte visas just nu. Allt annat på sidan fungerar.
trail-from = från { $browser } ({ $ip })
trail-operator = av en administratör
trail-email-requested = E-post för inloggning skickad
trail-signed-in-link = Inloggad med en länk
trail-signed-in-code = Inloggad med en kod
trail-wrong-code = Fel kod angavs
trail-signed-out = Utloggad
trail-signed-out-elsewhere = Utloggad överallt annars
trail-signed-out-everywhere = Utloggad överallt
trail-session-ended = En session avslutades
trail-not-me = Anmält ”det var inte jag”
trail-operator-ended-sessions = En administratör loggade ut kontot överallt
trail-operator-lifted-back-off = En administratör tog bort väntetiden efter fel koder
trail-address-changed = E-postadressen bytt
trail-address-change-undone = Bytet av e-postadress ångrat

## Signing in to an application (OAuth2 / OpenID Connect through Ory Hydra).
# { $app } is the application's name, as its operator registered it.
app-continue-to = För att fortsätta till { $app }
app-the-app = appen
app-continuing = Fortsätter till { $app }…
app-continuing-plain = Fortsätter…
app-continuing-text = Du skickas tillbaka. Om inget händer, använd knappen.
app-continue = Fortsätt
app-gone-title = Begäran har gått ut
app-missing-title = Det finns inget att fortsätta med
app-gone-text = Gå tillbaka till { $app } och börja om därifrån.
app-signed-in-gone-title = Du är inloggad, men begäran har gått ut
app-signed-in-here-title = Du är inloggad här
app-signed-in-here-text = För att fortsätta till { $app }, gå tillbaka till webbläsaren eller enheten där du började.
confirm-app-title = Fortsätt där du började
confirm-app-elsewhere = Den här inloggningen i { $app } påbörjades i en annan webbläsare eller på en annan enhet.
confirm-app-elsewhere-code = För att fortsätta till { $app }, skriv in koden från det här mejlet där.
confirm-app-elsewhere-link = För att fortsätta till { $app }, öppna den här länken i den webbläsaren.
confirm-app-unused = Inget har använts här: mejlet fungerar fortfarande där.
## The consent page: what the application may do, each scope in plain words.
consent-title = Ge { $app } åtkomst?
consent-as = Du är inloggad som { $email }.
consent-asks = { $app } vill:
consent-remember = Kom ihåg mitt beslut för den här appen
consent-allow = Tillåt
consent-deny = Neka
consent-later = Du kan logga ut från appen när som helst.
scope-openid = Veta att det är du
scope-email = Se din e-postadress
scope-profile = Se din grundläggande profil
scope-offline = Förbli inloggad när du inte använder den
scope-other = Annan åtkomst: { $scope }
## Signing out of an application.
app-logout-title = Logga ut från { $app }?
app-logout-title-plain = Logga ut?
app-logout-text = Du loggas också ut från { $product } i den här webbläsaren.
app-logout-yes = Logga ut
app-logout-no = Förbli inloggad
