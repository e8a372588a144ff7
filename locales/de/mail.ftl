# Iris: die Anmelde-E-Mail (Betreff, Text- und HTML-Version sagen dasselbe).
# { $product } ist der Produktname aus branding.product_name; { $when } und { $browser } kommen
# aus pages.ftl („am 1. Dezember 2026 um 19:15 UTC“, „Chrome unter Linux“).

mail-subject = Bei { $product } anmelden
mail-code-intro = Ihr Anmeldecode für { $product } lautet:
mail-link-intro = Oder öffnen Sie diesen Link, um sich anzumelden:
mail-link-only-intro = Öffnen Sie diesen Link, um sich bei { $product } anzumelden:
mail-button = Bei { $product } anmelden
mail-lifetime-both = Code und Link sind nur einmal verwendbar und { $minutes ->
    [one] { $minutes } Minute
   *[other] { $minutes } Minuten
} lang gültig.
mail-lifetime-code = Geben Sie ihn auf der Anmeldeseite ein. Er ist nur einmal verwendbar und { $minutes ->
    [one] { $minutes } Minute
   *[other] { $minutes } Minuten
} lang gültig.
mail-lifetime-link = Der Link ist nur einmal verwendbar und { $minutes ->
    [one] { $minutes } Minute
   *[other] { $minutes } Minuten
} lang gültig.
mail-requested-from = Diese Anmeldung wurde { $when } von { $browser } angefordert.
mail-requested = Diese Anmeldung wurde { $when } angefordert.
mail-ignore = Wenn Sie das nicht waren, ignorieren Sie diese E-Mail einfach: Ohne sie kann sich niemand anmelden.
mail-never-share = Geben Sie diesen Code niemals an andere weiter.
mail-never-share-link = Geben Sie diesen Link niemals an andere weiter.
mail-not-me = Nicht angefordert? Stoppen Sie diese E-Mail:
mail-not-me-link = Das habe ich nicht angefordert

## Changing the address

mail-change-subject = Bestätigen Sie Ihre neue Adresse für { $product }
mail-change-intro = Um diese Adresse für Ihr Konto bei { $product } zu verwenden, geben Sie diesen Code ein:
mail-change-link-intro = Oder bestätigen Sie mit diesem Link:
mail-change-button = Diese Adresse bestätigen
mail-change-lifetime = Code und Link funktionieren einmal, { $minutes ->
    [one] { $minutes } Minute
   *[other] { $minutes } Minuten
} lang.
mail-change-requested = Angefordert { $when } von { $browser }.
mail-change-ignore = Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Es ändert sich nichts.
mail-notice-subject = Ihre Adresse bei { $product } wurde geändert
mail-notice-text = Die Adresse Ihres Kontos bei { $product } ist jetzt { $email }.
mail-notice-if-you = Wenn Sie das waren, müssen Sie nichts tun.
mail-notice-if-not = Wenn Sie es nicht waren, machen Sie es rückgängig: Diese Adresse wird wiederhergestellt und Ihr Konto überall abgemeldet. Der Link funktioniert { $days ->
    [one] { $days } Tag
   *[other] { $days } Tage
} lang.
mail-notice-button = Änderung rückgängig machen
