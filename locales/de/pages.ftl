# Iris: die Texte aller Seiten (Deutsch, Anrede „Sie“). Referenz ist en/pages.ftl: Jede Sprache
# hat genau dieselben Schlüssel (tests/api/i18n.rs prüft das).
#
# Platzhalter: { $email } ist eine maskierte Adresse (j***@example.com), { $wait } eine Angabe aus
# „Wartezeiten“ unten („in 58 Sekunden“), { $when } eine aus „Zeiten“ („heute um 19:15 UTC“),
# { $browser } eine aus „Browser“ („Chrome unter Linux“, steht nach „von“, also im Dativ).

## Wartezeiten: Ende von „… Versuchen Sie es { $wait } erneut“ und „… { $wait } eine neue E-Mail anfordern“.

wait-moment = in Kürze
wait-seconds = in { $n ->
    [one] { $n } Sekunde
   *[other] { $n } Sekunden
}
wait-minutes = in { $n ->
    [one] { $n } Minute
   *[other] { $n } Minuten
}
wait-hours = in etwa { $n ->
    [one] { $n } Stunde
   *[other] { $n } Stunden
}

## Zeiten, immer in UTC: { $time } ist 19:15, { $date } ein Datum aus „date“ unten.

time-today = heute um { $time } UTC
time-yesterday = gestern um { $time } UTC
time-date = am { $date } um { $time } UTC
date = { $day }. { $month ->
    [1] Januar
    [2] Februar
    [3] März
    [4] April
    [5] Mai
    [6] Juni
    [7] Juli
    [8] August
    [9] September
    [10] Oktober
    [11] November
   *[12] Dezember
} { $year }

## Browser: welcher Browser angefragt hat, am Ende von „Angefordert … von { $browser }“ (Dativ).
## { $name } ist ein Produktname (Firefox, Chrome), { $os } ein System (Linux, Android).

browser-on-os = { $name } unter { $os }
browser-only = { $name }
browser-title-on-os = { $name } unter { $os }
browser-title-only = { $name }
browser-title-unknown = Unbekannter Browser
browser-unknown = einem unbekannten Browser

## Von mehreren Seiten genutzt

page-title = { $title } · { $product }
go-to-sign-in = Zur Anmeldung
back-to-sign-in = Zurück zur Anmeldung
start-again = Von vorn beginnen
use-another-address = Andere E-Mail-Adresse verwenden
request-id = Anfrage-ID: { $id }

## E-Mail-Eingabe (/login)

login-title = Anmelden
login-email-label = E-Mail-Adresse
login-hint-link = Wir senden Ihnen einen Link und einen Code per E-Mail.
login-hint-code = Wir senden Ihnen einen 6-stelligen Code per E-Mail.
login-hint-link-only = Wir senden Ihnen einen Anmeldelink per E-Mail.
login-submit = Weiter mit E-Mail
email-error-empty = Geben Sie Ihre E-Mail-Adresse ein.
email-error-too-long = Diese E-Mail-Adresse ist zu lang.
email-error-not-bare = Geben Sie nur die E-Mail-Adresse selbst ein, z. B. name@example.com.
email-error-malformed = Das sieht nicht nach einer E-Mail-Adresse aus. Prüfen Sie Ihre Eingabe und versuchen Sie es erneut.
email-error-local-part = Vor dem @ sind nur einfache Buchstaben, Ziffern und . _ + - erlaubt.
email-error-domain = Der Teil nach dem @ ist keine gültige Domain.

## Posteingang prüfen (/login/check-email), mit Codefeld

check-title = Prüfen Sie Ihren Posteingang
check-sent-link = Wir haben einen Anmeldelink und einen 6-stelligen Code an { $email } gesendet.
check-sent-code = Wir haben einen 6-stelligen Code an { $email } gesendet.
check-sent-link-only = Wir haben einen Anmeldelink an { $email } gesendet.
check-open-link = Öffnen Sie den Link auf einem beliebigen Gerät oder geben Sie den Code hier ein.
check-open-link-only = Öffnen Sie den Link aus der E-Mail auf einem beliebigen Gerät.
check-delivery-failed = Wir konnten die E-Mail nicht zustellen. Prüfen Sie die Adresse oder senden Sie eine neue E-Mail.
check-again-link = Wir haben Ihnen gerade erst eine E-Mail gesendet und deshalb keine weitere verschickt. Verwenden Sie den Link oder den Code aus dieser E-Mail.
check-again-code = Wir haben Ihnen gerade erst eine E-Mail gesendet und deshalb keine weitere verschickt. Verwenden Sie den Code aus dieser E-Mail.
check-sent-again-link = Wir haben Ihnen eine neue E-Mail gesendet. Frühere Links und Codes sind nicht mehr gültig.
check-sent-again-code = Wir haben Ihnen eine neue E-Mail gesendet. Frühere Codes sind nicht mehr gültig.
code-label = 6-stelliger Code
code-hint = Sie finden den Code im oberen Teil der E-Mail.
code-submit = Anmelden
resend-later = Keine E-Mail erhalten? Sie können { $wait } eine neue anfordern. Sehen Sie in der Zwischenzeit in Ihrem Spam-Ordner nach.
resend-now = Keine E-Mail erhalten? Sehen Sie in Ihrem Spam-Ordner nach oder:
resend-button = Neue E-Mail senden

## Warum ein Code abgelehnt wurde (am Codefeld angezeigt)

code-error-empty = Geben Sie den 6-stelligen Code aus der E-Mail ein.
code-error-wrong = Dieser Code ist nicht korrekt. { $left ->
    [one] Sie haben noch { $left } Versuch.
   *[other] Sie haben noch { $left } Versuche.
}
code-error-wrong-check = Dieser Code ist nicht korrekt. Prüfen Sie die E-Mail und versuchen Sie es erneut.
code-error-too-many = Es wurden zu viele falsche Codes eingegeben. Fordern Sie unten eine neue E-Mail an.
code-error-locked = Für diese Adresse wurden zu viele falsche Codes eingegeben. Versuchen Sie es { $wait } erneut.
code-error-expired = Dieser Code ist abgelaufen. Fordern Sie unten eine neue E-Mail an – Sie müssen nichts erneut eingeben.
code-error-dead = Dieser Code ist nicht mehr gültig. Fordern Sie unten eine neue E-Mail an.

## Warum der Code auf der Posteingangsseite nicht mehr gültig ist

code-dead-used = Dieser Code wurde bereits verwendet. Fordern Sie eine neue E-Mail an, um sich erneut anzumelden.
code-dead-replaced = Für diese Adresse wurde eine neuere E-Mail gesendet. Verwenden Sie den Code aus der neuesten E-Mail oder fordern Sie eine neue an.
code-dead-expired = Dieser Code ist abgelaufen. Fordern Sie eine neue E-Mail an, um sich anzumelden.
code-dead-too-many = Es wurden zu viele falsche Codes eingegeben, daher ist dieser Code nicht mehr gültig. Fordern Sie eine neue E-Mail an.
code-dead-unknown = Diese Anmeldeanfrage existiert nicht mehr. Bitte beginnen Sie von vorn.

## Anmeldung bestätigen (der Link aus der E-Mail)

confirm-title = Anmeldung bestätigen
confirm-question = Als { $email } anmelden?
confirm-requested = Angefordert { $when } von { $browser }.
confirm-same-browser = Sie haben diesen Link in diesem Browser angefordert.
confirm-other-browser = Dieser Link wurde nicht in diesem Browser angefordert. Fahren Sie nur fort, wenn Sie ihn selbst auf einem anderen Gerät angefordert haben.
confirm-submit = Anmelden
confirm-ignore = Wenn Sie keine Anmeldung angefordert haben, schließen Sie diese Seite. Es passiert nichts, solange Sie nicht auf die Schaltfläche klicken.

## Links, die nicht mehr gültig sind

link-invalid-title = Dieser Link funktioniert nicht
link-invalid-text = Der Link ist unvollständig oder wurde nie ausgestellt. Kopieren Sie den vollständigen Link aus der E-Mail oder beginnen Sie von vorn.
link-used-title = Dieser Link wurde bereits verwendet
link-used-text = Mit jedem Link und jedem Code können Sie sich nur einmal anmelden. Fordern Sie einen neuen an, wenn Sie sich erneut anmelden möchten.
link-replaced-title = Es wurde eine neuere E-Mail gesendet
link-replaced-text = Dieser Link wurde durch einen neueren ersetzt. Verwenden Sie die neueste E-Mail oder fordern Sie eine neue an.
link-expired-title = Dieser Link ist abgelaufen
link-expired-text = Zum Schutz Ihres Kontos sind Anmeldelinks nur wenige Minuten gültig.
link-too-many-title = Zu viele Versuche
link-too-many-text = Für diese E-Mail wurden zu viele falsche Codes ausprobiert, daher sind der Link und der Code daraus nicht mehr gültig.
link-locked-text = Für diese Adresse wurden zu viele falsche Codes ausprobiert. Versuchen Sie es { $wait } erneut.
link-send-new = Neuen Link an { $email } senden

## Angemeldet (/)

account-title = Sie sind angemeldet
account-signed-in-as = Angemeldet als { $email }.
account-since = Sie haben sich { $when } angemeldet.
account-sign-out = Abmelden
account-others-ended = Ihre anderen Sitzungen sind abgemeldet.
account-sessions = Wo Sie angemeldet sind
account-this-browser = Dieser Browser
account-session-by-link = Per E-Mail-Link angemeldet: { $when }.
account-session-by-code = Per Code angemeldet: { $when }.
account-session-last-seen = Zuletzt aktiv: { $when }.
account-session-network = Netzwerk { $ip }.
account-session-sign-out = Abmelden
account-session-ended = Diese Sitzung ist abgemeldet.
account-no-other-sessions = Sie sind nirgendwo sonst angemeldet.
account-other-sessions-text = Auf einem Gerät angemeldet, das Sie nicht mehr nutzen oder das nicht Ihnen gehört? Beenden Sie diese Sitzungen hier.
account-sign-out-others = Überall sonst abmelden
account-sign-out-everywhere = Überall abmelden

## Begrenzungen

too-many-title = Zu viele Versuche
too-many-text = Zu viele Anfragen. Bitte versuchen Sie es zu Ihrer Sicherheit { $wait } erneut.
paused-title = Anmelde-E-Mails sind vorübergehend pausiert
paused-text = Wir haben heute so viele Anmelde-E-Mails verschickt, wie es sicher möglich ist. Deshalb können gerade keine weiteren versendet werden. Bitte versuchen Sie es { $wait } erneut.
paused-still-works = Ein bereits erhaltener Code oder Link bleibt gültig, bis er abläuft.

## Fehlerseiten, nach HTTP-Status

error-400-title = Das hat nicht funktioniert
error-400-text = Die Anfrage war unvollständig oder fehlerhaft. Gehen Sie zurück und versuchen Sie es erneut.
error-403-title = Dieses Formular ist abgelaufen
error-403-text = Zu Ihrer Sicherheit funktionieren Formulare nur auf der Seite, von der sie stammen. Laden Sie die Seite neu und versuchen Sie es erneut.
error-404-title = Seite nicht gefunden
error-404-text = Unter dieser Adresse gibt es nichts.
error-405-title = Das funktioniert hier nicht
error-405-text = Diese Adresse akzeptiert diese Art von Anfrage nicht.
error-413-title = Zu viele Daten
error-413-text = Das Formular hat mehr Daten gesendet, als wir annehmen.
error-415-title = Das hat nicht funktioniert
error-415-text = Das Formular wurde in einem Format gesendet, das wir nicht annehmen.
error-503-title = Die Anmeldung ist derzeit nicht verfügbar
error-503-text = Ein Dienst, auf den wir angewiesen sind, antwortet nicht. Es wurde nichts geändert. Bitte versuchen Sie es in einer Minute erneut.
error-other-title = Etwas ist schiefgelaufen
error-other-text = Es wurde nichts geändert. Bitte versuchen Sie es erneut.

## Fehler, die Kratos meldet (/error?id=…), nach Kratos-Fehler-ID

kratos-error-title = Die Anmeldung hat nicht funktioniert
kratos-error-text = Unterwegs ist etwas schiefgelaufen. Es wurde nichts geändert. Bitte beginnen Sie von vorn.
kratos-error-csrf = Das Anmeldeformular ist abgelaufen oder wurde in einem anderen Browser geöffnet.
kratos-error-expired = Die Anmeldung hat zu lange gedauert und ist abgelaufen.
kratos-error-return-to = Zu der Seite, von der Sie hierher gekommen sind, dürfen wir Sie nicht zurückleiten.
kratos-error-signed-in = Sie sind bereits angemeldet.
kratos-error-disabled = Diese Anmeldemethode ist deaktiviert.

link-voided-title = Diese E-Mail wurde gestoppt
link-voided-text = Jemand hat angegeben, diese E-Mail nicht angefordert zu haben. Ihr Link und ihr Code funktionieren daher nicht mehr. Fordern Sie eine neue E-Mail an, um sich anzumelden.
code-dead-voided = Diese E-Mail wurde gestoppt („Das habe ich nicht angefordert“), daher funktioniert ihr Code nicht mehr. Fordern Sie eine neue E-Mail an, um sich anzumelden.

# „Das war ich nicht“ (der zweite Link in jeder Anmelde-E-Mail).
not-me-title = Keine Anmeldung angefordert?
not-me-what = Jemand hat { $when } von { $browser } eine Anmeldung als { $email } angefordert.
not-me-explain = Wenn Sie das nicht waren, stoppen Sie diese E-Mail. Ihr Link und ihr Code funktionieren dann nicht mehr, wer sich damit angemeldet hat, wird abgemeldet, und eine Zeit lang können nur Browser, die sich schon einmal mit dieser Adresse angemeldet haben, eine neue E-Mail anfordern.
not-me-submit = Diese E-Mail stoppen
not-me-was-me = Wenn Sie es waren, schließen Sie diese Seite und verwenden Sie den Link oder Code aus der E-Mail. Solange Sie nicht auf die Schaltfläche klicken, passiert nichts.
not-me-done-title = Diese E-Mail ist gestoppt
not-me-done-text = Ihr Link und ihr Code funktionieren nicht mehr. Niemand hat sich damit angemeldet.
not-me-done-ended = Jemand hatte sich damit bereits angemeldet. Diese Sitzung wurde beendet.
not-me-done-ended-all = Jemand hatte sich damit bereits angemeldet, daher wurden alle Sitzungen dieses Kontos beendet, auch Ihre.
not-me-done-held = Neue Anmelde-E-Mails an diese Adresse sind pausiert; sie sind { $wait } wieder möglich. Browser, die sich schon einmal damit angemeldet haben, können weiterhin eine anfordern.
not-me-done-next = Ohne die E-Mails an diese Adresse kann sich niemand anmelden. Wenn Sie weiter E-Mails erhalten, die Sie nicht angefordert haben, prüfen Sie, ob Ihr E-Mail-Konto sicher ist.
not-me-already-title = Diese E-Mail wurde bereits gestoppt
not-me-already-text = Ihr Link und ihr Code funktionieren nicht mehr. Sie müssen nichts weiter tun.
not-me-expired-title = Diese E-Mail ist abgelaufen
not-me-expired-text = Niemand hat sich damit angemeldet, und ihr Link und ihr Code funktionieren nicht mehr. Sie müssen nichts weiter tun.
## Changing the address (/account/email)

account-change-address = E-Mail-Adresse ändern
account-address-changed = Ihre E-Mail-Adresse ist geändert. Wir haben Ihre alte Adresse benachrichtigt und Sie überall sonst abgemeldet.
account-address-fixed = Ihre E-Mail-Adresse kann hier nicht geändert werden. Wenn Sie sie ändern müssen, wenden Sie sich an die Verwaltung des Dienstes.
address-title = E-Mail-Adresse ändern
address-current = Ihre Adresse ist { $email }.
address-new-label = Neue E-Mail-Adresse
address-new-hint = Wir senden einen Code und einen Link an die neue Adresse. Erst wenn Sie einen davon verwenden, ändert sich etwas, und wir benachrichtigen dann Ihre bisherige Adresse.
address-submit = Bestätigung senden
address-reauth = Zu Ihrer Sicherheit bestätigen Sie bitte zuerst, dass Sie es sind: Wir senden einen Anmeldelink an Ihre bisherige Adresse. Kommen Sie danach hierher zurück.
address-reauth-submit = Anmeldelink senden
address-back = Zurück zu Ihrem Konto
address-requested = Angefordert { $when } von { $browser }.
address-check-title = Prüfen Sie Ihre neue Adresse
address-check-sent = Wir haben einen Code und einen Link an { $email } gesendet. Geben Sie den Code hier ein oder öffnen Sie den Link.
address-check-submit = Adresse ändern
address-another = Andere Adresse verwenden
address-confirm-title = E-Mail-Adresse ändern?
address-confirm-question = Soll { $email } die Adresse Ihres Kontos werden?
address-confirm-submit = Ja, ändern
address-undo-title = Adressänderung rückgängig machen?
address-undo-question = Die Adresse Ihres Kontos wurde in { $email } geändert. Wenn Sie das nicht waren, machen Sie es rückgängig: Diese Adresse wird wiederhergestellt und Ihr Konto überall abgemeldet.
address-undo-submit = Änderung rückgängig machen
address-done-title = Ihre E-Mail-Adresse ist geändert
address-done-elsewhere = Die Adresse Ihres Kontos ist jetzt { $email }, und es ist überall abgemeldet. Melden Sie sich mit der neuen Adresse an.
address-sign-in = Anmelden
address-undone-title = Die Änderung ist rückgängig gemacht
address-undone-text = Die Adresse Ihres Kontos ist wieder { $email }, und es ist überall abgemeldet. Melden Sie sich an und prüfen Sie, wo Sie angemeldet sind.
address-error-same = Das ist bereits Ihre Adresse.
address-error-limited = An diese Adresse wurden zu viele E-Mails gesendet. Versuchen Sie es { $wait } erneut.
address-problem-title = Das funktioniert nicht mehr
address-problem-unknown = Dieser Link ist ungültig. Beginnen Sie erneut auf Ihrer Kontoseite.
address-problem-taken = Ein anderes Konto verwendet diese Adresse bereits, daher wurde nichts geändert.
address-problem-confirmed = Diese Änderung ist bereits erfolgt.
address-problem-reverted = Diese Änderung wurde bereits rückgängig gemacht.
address-problem-expired = Das ist abgelaufen. Beginnen Sie erneut auf Ihrer Kontoseite.
address-problem-superseded = Eine neuere Änderung hat diese ersetzt, oder sie wurde rückgängig gemacht. Verwenden Sie die neueste E-Mail.
address-problem-too-many = Es wurden zu viele falsche Codes eingegeben. Beginnen Sie erneut auf Ihrer Kontoseite.

## Recent activity on the account page: what happened, then when and from which browser.
trail-title = Letzte Aktivitäten
trail-empty = Bei diesem Konto ist noch nichts geschehen.
trail-unavailable = Die letzten Aktivitäten können gerade nicht angezeigt werden. Alles andere auf dieser Seite funktioniert.
trail-from = von { $browser } ({ $ip })
trail-operator = durch eine Administratorin oder einen Administrator
trail-email-requested = Anmelde-E-Mail gesendet
trail-signed-in-link = Mit einem Link angemeldet
trail-signed-in-code = Mit einem Code angemeldet
trail-wrong-code = Falscher Code eingegeben
trail-signed-out = Abgemeldet
trail-signed-out-elsewhere = Überall sonst abgemeldet
trail-signed-out-everywhere = Überall abgemeldet
trail-session-ended = Eine Sitzung wurde beendet
trail-not-me = „Das war ich nicht“ gemeldet
trail-operator-ended-sessions = Ein Administrator hat dieses Konto überall abgemeldet
trail-operator-lifted-back-off = Ein Administrator hat die Wartezeit nach falschen Codes aufgehoben
trail-address-changed = E-Mail-Adresse geändert
trail-address-change-undone = Änderung der E-Mail-Adresse rückgängig gemacht

## Signing in to an application (OAuth2 / OpenID Connect through Ory Hydra).
# { $app } is the application's name, as its operator registered it.
app-continue-to = Weiter zu { $app }
app-the-app = der Anwendung
app-continuing = Weiterleitung zu { $app }…
app-continuing-plain = Weiterleitung…
app-continuing-text = Sie werden zurückgeleitet. Falls nichts passiert, verwenden Sie die Schaltfläche.
app-continue = Weiter
app-gone-title = Diese Anfrage ist abgelaufen
app-missing-title = Hier gibt es nichts fortzusetzen
app-gone-text = Kehren Sie zu { $app } zurück und beginnen Sie dort von vorn.
app-signed-in-gone-title = Sie sind angemeldet, aber die Anfrage ist abgelaufen
app-signed-in-here-title = Sie sind hier angemeldet
app-signed-in-here-text = Um mit { $app } fortzufahren, kehren Sie zu dem Browser oder Gerät zurück, mit dem Sie begonnen haben.
confirm-app-title = Dort fortfahren, wo Sie begonnen haben
confirm-app-elsewhere = Diese Anmeldung bei { $app } wurde in einem anderen Browser oder auf einem anderen Gerät begonnen.
confirm-app-elsewhere-code = Um mit { $app } fortzufahren, geben Sie dort den Code aus dieser E-Mail ein.
confirm-app-elsewhere-link = Um mit { $app } fortzufahren, öffnen Sie diesen Link in dem Browser, in dem Sie begonnen haben.
confirm-app-unused = Hier wurde nichts verwendet: Die E-Mail ist dort weiterhin gültig.
## The consent page: what the application may do, each scope in plain words.
consent-title = { $app } Zugriff erlauben?
consent-as = Sie sind als { $email } angemeldet.
consent-asks = { $app } möchte:
consent-remember = Meine Entscheidung für diese Anwendung merken
consent-allow = Erlauben
consent-deny = Ablehnen
consent-later = Sie können sich jederzeit von der Anwendung abmelden.
scope-openid = Erkennen, dass Sie es sind
scope-email = Ihre E-Mail-Adresse sehen
scope-profile = Ihre grundlegenden Profilangaben sehen
scope-offline = Angemeldet bleiben, während Sie sie nicht nutzen
scope-other = Weiterer Zugriff: { $scope }
## Signing out of an application.
app-logout-title = Von { $app } abmelden?
app-logout-title-plain = Abmelden?
app-logout-text = Sie werden in diesem Browser auch von { $product } abgemeldet.
app-logout-yes = Abmelden
app-logout-no = Angemeldet bleiben
