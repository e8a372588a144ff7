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
