# Iris: el correo de inicio de sesión (el asunto, el texto sin formato y el HTML dicen lo mismo).
# { $product } es el nombre del producto (branding.product_name); { $when } y { $browser } vienen
# de pages.ftl («el 1 de diciembre de 2026 a las 19:15 UTC», «Chrome en Linux»).

mail-subject = Inicia sesión en { $product }
mail-code-intro = Tu código de inicio de sesión de { $product } es:
mail-link-intro = O abre este enlace para iniciar sesión:
mail-link-only-intro = Abre este enlace para iniciar sesión en { $product }:
mail-button = Iniciar sesión en { $product }
mail-lifetime-both = El código y el enlace solo se pueden usar una vez y son válidos durante { $minutes ->
    [one] { $minutes } minuto
   *[other] { $minutes } minutos
}.
mail-lifetime-code = Escríbelo en la página de inicio de sesión. Solo se puede usar una vez y es válido durante { $minutes ->
    [one] { $minutes } minuto
   *[other] { $minutes } minutos
}.
mail-lifetime-link = El enlace solo se puede usar una vez y es válido durante { $minutes ->
    [one] { $minutes } minuto
   *[other] { $minutes } minutos
}.
mail-requested-from = Esta solicitud se hizo { $when } desde { $browser }.
mail-requested = Esta solicitud se hizo { $when }.
mail-ignore = Si no fuiste tú, ignora este correo: nadie puede iniciar sesión sin él.
mail-never-share = No compartas nunca este código con nadie.
mail-never-share-link = No compartas nunca este enlace con nadie.
mail-not-me = ¿No lo pediste? Anula este correo:
mail-not-me-link = No lo he pedido

## Changing the address

mail-change-subject = Confirma tu nueva dirección para { $product }
mail-change-intro = Para que esta sea la dirección de tu cuenta de { $product }, introduce este código:
mail-change-link-intro = O confirma con este enlace:
mail-change-button = Confirmar esta dirección
mail-change-lifetime = El código y el enlace funcionan una vez, durante { $minutes ->
    [one] { $minutes } minuto
   *[other] { $minutes } minutos
}.
mail-change-requested = Se solicitó { $when } desde { $browser }.
mail-change-ignore = Si no lo pediste, ignora este correo: no cambia nada.
mail-notice-subject = Se cambió tu dirección de { $product }
mail-notice-text = La dirección de tu cuenta de { $product } ahora es { $email }.
mail-notice-if-you = Si fuiste tú, no tienes que hacer nada.
mail-notice-if-not = Si no fuiste tú, deshazlo: esta dirección vuelve y se cierra la sesión de tu cuenta en todas partes. El enlace funciona durante { $days ->
    [one] { $days } día
   *[other] { $days } días
}.
mail-notice-button = Deshacer el cambio
