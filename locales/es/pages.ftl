# Iris: los textos de todas las páginas. El inglés es el catálogo de referencia: todos los demás
# idiomas tienen exactamente estas claves (lo comprueba tests/api/i18n.rs). Registro: tuteo.
#
# Placeables: { $email } es una dirección enmascarada (j***@example.com), { $wait } una frase de la
# sección «Esperas» de abajo («en 58 segundos»), { $when } una de «Horas» («hoy a las 19:15 UTC»),
# { $browser } una de «Navegadores» («Chrome en Linux»).

## Esperas: el final de «… Vuelve a intentarlo { $wait }» y «… un nuevo correo { $wait }».

wait-moment = en un momento
wait-seconds = en { $n ->
    [one] { $n } segundo
   *[other] { $n } segundos
}
wait-minutes = en { $n ->
    [one] { $n } minuto
   *[other] { $n } minutos
}
wait-hours = en aproximadamente { $n ->
    [one] { $n } hora
   *[other] { $n } horas
}

## Horas, siempre en UTC: { $time } es 19:15, { $date } una fecha de «date» (abajo).

time-today = hoy a las { $time } UTC
time-yesterday = ayer a las { $time } UTC
time-date = el { $date } a las { $time } UTC
date = { $day } de { $month ->
    [1] enero
    [2] febrero
    [3] marzo
    [4] abril
    [5] mayo
    [6] junio
    [7] julio
    [8] agosto
    [9] septiembre
    [10] octubre
    [11] noviembre
   *[12] diciembre
} de { $year }

## Navegadores: desde qué navegador se hizo la solicitud, al final de «Solicitud realizada … desde { $browser }».
## { $name } es un nombre de producto (Firefox, Chrome), { $os } un sistema (Linux, Android).

browser-on-os = { $name } en { $os }
browser-only = { $name }
browser-title-on-os = { $name } en { $os }
browser-title-only = { $name }
browser-title-unknown = Navegador desconocido
browser-unknown = un navegador desconocido

## Compartidos por varias páginas

page-title = { $title } · { $product }
go-to-sign-in = Ir al inicio de sesión
back-to-sign-in = Volver al inicio de sesión
start-again = Empezar de nuevo
use-another-address = Usar otra dirección de correo
request-id = ID de solicitud: { $id }

## Introducción del correo (/login)

login-title = Iniciar sesión
login-email-label = Correo electrónico
login-hint-link = Te enviaremos un enlace y un código por correo.
login-hint-code = Te enviaremos un código de 6 dígitos por correo.
login-hint-link-only = Te enviaremos un enlace de inicio de sesión por correo.
login-submit = Continuar con correo electrónico
email-error-empty = Escribe tu dirección de correo electrónico.
email-error-too-long = Esa dirección de correo es demasiado larga.
email-error-not-bare = Escribe solo la dirección de correo, por ejemplo, nombre@example.com.
email-error-malformed = Eso no parece una dirección de correo. Revísala y vuelve a intentarlo.
email-error-local-part = Usa solo letras sin tildes ni eñes, números y . _ + - antes de la @.
email-error-domain = La parte que va después de la @ no es un dominio válido.

## Revisa tu bandeja de entrada (/login/check-email), con el campo del código

check-title = Revisa tu bandeja de entrada
check-sent-link = Te hemos enviado un enlace de inicio de sesión y un código de 6 dígitos a { $email }.
check-sent-code = Te hemos enviado un código de 6 dígitos a { $email }.
check-sent-link-only = Te hemos enviado un enlace de inicio de sesión a { $email }.
check-open-link = Abre el enlace en cualquier dispositivo o escribe aquí el código.
check-open-link-only = Abre el enlace del correo en cualquier dispositivo.
check-delivery-failed = No se pudo entregar ese correo. Revisa la dirección o envía uno nuevo.
check-again-link = Ya te enviamos un correo hace un momento, así que no te hemos enviado otro. Usa el enlace o el código de ese correo.
check-again-code = Ya te enviamos un correo hace un momento, así que no te hemos enviado otro. Usa el código de ese correo.
check-sent-again-link = Te hemos enviado un nuevo correo. Los enlaces y códigos anteriores ya no funcionan.
check-sent-again-code = Te hemos enviado un nuevo correo. Los códigos anteriores ya no funcionan.
code-label = Código de 6 dígitos
code-hint = El código aparece al principio del correo.
code-submit = Iniciar sesión
resend-later = ¿No te ha llegado? Podrás solicitar un nuevo correo { $wait }. Mientras tanto, revisa tu carpeta de spam.
resend-now = ¿No te ha llegado? Revisa tu carpeta de spam o:
resend-button = Enviar un nuevo correo

## Por qué se rechazó un código (se muestra junto al campo del código)

code-error-empty = Escribe el código de 6 dígitos que aparece en el correo.
code-error-wrong = Ese código no es correcto. { $left ->
    [one] Te queda { $left } intento.
   *[other] Te quedan { $left } intentos.
}
code-error-wrong-check = Ese código no es correcto. Revisa el correo y vuelve a intentarlo.
code-error-too-many = Hubo demasiados intentos con códigos incorrectos. Solicita un nuevo correo más abajo.
code-error-locked = Hubo demasiados intentos con códigos incorrectos para esta dirección. Vuelve a intentarlo { $wait }.
code-error-expired = Este código ha expirado. Solicita un nuevo correo más abajo; no tendrás que volver a escribir nada.
code-error-dead = Este código ya no funciona. Solicita un nuevo correo más abajo.

## Por qué ya no funciona el código de la página de la bandeja de entrada

code-dead-used = Este código ya se ha usado. Solicita un nuevo correo para volver a iniciar sesión.
code-dead-replaced = Se ha enviado un correo más reciente a esta dirección. Usa el código del último correo o solicita uno nuevo.
code-dead-expired = Este código ha expirado. Solicita un nuevo correo para iniciar sesión.
code-dead-too-many = Hubo demasiados intentos con códigos incorrectos, así que este código ya no funciona. Solicita un nuevo correo.
code-dead-unknown = Esta solicitud de inicio de sesión ya no existe. Empieza de nuevo.

## Confirmar el inicio de sesión (el enlace del correo)

confirm-title = Confirmar inicio de sesión
confirm-question = ¿Iniciar sesión como { $email }?
confirm-requested = Solicitud realizada { $when } desde { $browser }.
confirm-same-browser = Este enlace se solicitó desde este navegador.
confirm-other-browser = Este enlace no se solicitó desde este navegador. Continúa solo si lo pediste tú en otro dispositivo.
confirm-submit = Iniciar sesión
confirm-ignore = Si no has intentado iniciar sesión, cierra esta página. No pasará nada hasta que pulses el botón.

## Enlaces que ya no funcionan

link-invalid-title = Este enlace no funciona
link-invalid-text = El enlace está incompleto o nunca se generó. Copia el enlace completo del correo o empieza de nuevo.
link-used-title = Este enlace ya se ha usado
link-used-text = Cada enlace y cada código sirven para iniciar sesión una sola vez. Solicita uno nuevo si necesitas volver a iniciar sesión.
link-replaced-title = Se ha enviado un correo más reciente
link-replaced-text = Este enlace se ha sustituido por uno más reciente. Usa el último correo o solicita uno nuevo.
link-expired-title = Este enlace ha expirado
link-expired-text = Para proteger tu cuenta, los enlaces de inicio de sesión solo funcionan durante unos minutos.
link-too-many-title = Demasiados intentos
link-too-many-text = Se han probado demasiados códigos incorrectos para este correo, así que su enlace y su código ya no funcionan.
link-locked-text = Se han probado demasiados códigos incorrectos para esta dirección. Vuelve a intentarlo { $wait }.
link-send-new = Enviar un nuevo enlace a { $email }

## Sesión iniciada (/)

account-title = Has iniciado sesión
account-signed-in-as = Sesión iniciada como { $email }.
account-since = Sesión iniciada { $when }.
account-sign-out = Cerrar sesión
account-others-ended = Se han cerrado tus otras sesiones.
account-sessions = Dónde has iniciado sesión
account-this-browser = Este navegador
account-session-by-link = Sesión iniciada con un enlace por correo { $when }.
account-session-by-code = Sesión iniciada con un código { $when }.
account-session-last-seen = Última actividad: { $when }.
account-session-network = Red { $ip }.
account-session-sign-out = Cerrar sesión
account-session-ended = Esa sesión está cerrada.
account-no-other-sessions = No has iniciado sesión en ningún otro sitio.
account-other-sessions-text = ¿Has iniciado sesión en un dispositivo que ya no usas o que no es tuyo? Cierra esas sesiones aquí.
account-sign-out-others = Cerrar sesión en todos los demás sitios
account-sign-out-everywhere = Cerrar sesión en todas partes

## Límites

too-many-title = Demasiados intentos
too-many-text = Demasiadas solicitudes. Por tu seguridad, vuelve a intentarlo { $wait }.
paused-title = Los correos de inicio de sesión están en pausa
paused-text = Hoy ya hemos enviado todos los correos de inicio de sesión que podemos enviar de forma segura, así que por ahora no se puede enviar ninguno más. Vuelve a intentarlo { $wait }.
paused-still-works = Los códigos o enlaces que ya hayas recibido siguen funcionando hasta que expiren.

## Páginas de error, por estado HTTP

error-400-title = No se pudo completar la solicitud
error-400-text = La solicitud estaba incompleta o tenía un formato incorrecto. Vuelve atrás e inténtalo de nuevo.
error-403-title = Este formulario ha expirado
error-403-text = Por tu seguridad, los formularios solo funcionan en la página de la que proceden. Vuelve a cargar la página e inténtalo de nuevo.
error-404-title = Página no encontrada
error-404-text = No hay nada en esta dirección.
error-405-title = Esta acción no está disponible aquí
error-405-text = Esta dirección no acepta ese tipo de solicitud.
error-413-title = Demasiados datos
error-413-text = El formulario envió más datos de los que aceptamos.
error-415-title = No se pudo completar la solicitud
error-415-text = El formulario se envió en un formato que no aceptamos.
error-503-title = El inicio de sesión no está disponible en este momento
error-503-text = Un servicio del que dependemos no responde. No se ha cambiado nada; vuelve a intentarlo en un minuto.
error-other-title = Algo salió mal
error-other-text = No se ha cambiado nada. Vuelve a intentarlo.

## Errores que notifica Kratos (/error?id=…), por id de error de Kratos

kratos-error-title = No se pudo iniciar sesión
kratos-error-text = Algo salió mal durante el proceso. No se ha cambiado nada; vuelve a empezar.
kratos-error-csrf = El formulario de inicio de sesión expiró o se abrió en otro navegador.
kratos-error-expired = El inicio de sesión tardó demasiado y expiró.
kratos-error-return-to = No podemos llevarte de vuelta a la página de la que vienes.
kratos-error-signed-in = Ya has iniciado sesión.
kratos-error-disabled = Este método de inicio de sesión está desactivado.

link-voided-title = Este correo se ha anulado
link-voided-text = Alguien indicó que no pidió este correo, así que su enlace y su código ya no funcionan. Para iniciar sesión, solicita un nuevo correo.
code-dead-voided = Este correo se ha anulado («No lo he pedido»), así que su código ya no funciona. Solicita un nuevo correo para iniciar sesión.

# «No fui yo» (el segundo enlace de cada correo de inicio de sesión).
not-me-title = ¿No pediste iniciar sesión?
not-me-what = Alguien pidió iniciar sesión como { $email } { $when } desde { $browser }.
not-me-explain = Si no fuiste tú, anula este correo. Su enlace y su código dejarán de funcionar, quien haya iniciado sesión con él la cerrará, y durante un tiempo solo los navegadores que ya han iniciado sesión con esta dirección podrán pedir un correo nuevo.
not-me-submit = Anular este correo
not-me-was-me = Si fuiste tú, cierra esta página y usa el enlace o el código del correo. No pasa nada hasta que pulses el botón.
not-me-done-title = Este correo está anulado
not-me-done-text = Su enlace y su código ya no funcionan. Nadie había iniciado sesión con él.
not-me-done-ended = Alguien ya había iniciado sesión con él. Esa sesión se ha cerrado.
not-me-done-ended-all = Alguien ya había iniciado sesión con él, así que se han cerrado todas las sesiones de esta cuenta, también la tuya.
not-me-done-held = Los correos de inicio de sesión a esta dirección están en pausa; se reanudan { $wait }. Los navegadores que ya han iniciado sesión con ella pueden seguir pidiéndolos.
not-me-done-next = Nadie puede iniciar sesión sin los correos enviados a esta dirección. Si sigues recibiendo correos que no pediste, asegúrate de que tu cuenta de correo es segura.
not-me-already-title = Este correo ya estaba anulado
not-me-already-text = Su enlace y su código ya no funcionan. No hay nada más que hacer.
not-me-expired-title = Este correo ha caducado
not-me-expired-text = Nadie inició sesión con él, y su enlace y su código ya no funcionan. No hay nada más que hacer.
## Changing the address (/account/email)

account-change-address = Cambiar tu dirección de correo
account-address-changed = Tu dirección de correo ha cambiado. Avisamos a tu dirección anterior y cerramos tu sesión en todos los demás sitios.
account-address-fixed = Tu dirección de correo no se puede cambiar aquí. Si necesitas cambiarla, pídeselo a la administración del servicio.
address-title = Cambiar tu dirección de correo
address-current = Tu dirección es { $email }.
address-new-label = Nueva dirección de correo
address-new-hint = Enviaremos un código y un enlace a la nueva dirección. No cambia nada hasta que uses uno de ellos, y entonces avisaremos a tu dirección actual.
address-submit = Enviar la confirmación
address-reauth = Por tu seguridad, confirma primero que eres tú: enviaremos un enlace de inicio de sesión a tu dirección actual. Después vuelve aquí.
address-reauth-submit = Envíame un enlace de inicio de sesión
address-back = Volver a tu cuenta
address-requested = Solicitado { $when } desde { $browser }.
address-check-title = Revisa tu nueva dirección
address-check-sent = Enviamos un código y un enlace a { $email }. Escribe el código aquí o abre el enlace.
address-check-submit = Cambiar mi dirección
address-another = Usar otra dirección
address-confirm-title = ¿Cambiar tu dirección de correo?
address-confirm-question = ¿Hacer de { $email } la dirección de tu cuenta?
address-confirm-submit = Sí, cambiarla
address-undo-title = ¿Deshacer el cambio de dirección?
address-undo-question = La dirección de tu cuenta se cambió a { $email }. Si no fuiste tú, deshazlo: esta dirección vuelve y se cierra la sesión de tu cuenta en todas partes.
address-undo-submit = Deshacer el cambio
address-done-title = Tu dirección de correo ha cambiado
address-done-elsewhere = La dirección de tu cuenta ahora es { $email } y su sesión se ha cerrado en todas partes. Inicia sesión con la nueva dirección.
address-sign-in = Iniciar sesión
address-undone-title = El cambio se ha deshecho
address-undone-text = La dirección de tu cuenta vuelve a ser { $email } y su sesión se ha cerrado en todas partes. Inicia sesión y revisa dónde tienes la sesión iniciada.
address-error-same = Esa ya es tu dirección.
address-error-limited = Se enviaron demasiados correos a esa dirección. Inténtalo de nuevo { $wait }.
address-problem-title = Esto ya no funciona
address-problem-unknown = Este enlace no es válido. Empieza de nuevo desde la página de tu cuenta.
address-problem-taken = Otra cuenta ya usa esa dirección, así que no se ha cambiado nada.
address-problem-confirmed = Este cambio ya está hecho.
address-problem-reverted = Este cambio ya se deshizo.
address-problem-expired = Esto ha caducado. Empieza de nuevo desde la página de tu cuenta.
address-problem-superseded = Un cambio más reciente sustituyó a este, o se deshizo. Usa el correo más reciente.
address-problem-too-many = Se introdujeron demasiados códigos incorrectos. Empieza de nuevo desde la página de tu cuenta.

## Recent activity on the account page: what happened, then when and from which browser.
trail-title = Actividad reciente
trail-empty = Todavía no ha pasado nada en esta cuenta.
trail-unavailable = Ahora mismo no se puede mostrar la actividad reciente. Todo lo demás de esta página funciona.
trail-from = desde { $browser } ({ $ip })
trail-operator = por un administrador
trail-email-requested = Correo de inicio de sesión enviado
trail-signed-in-link = Sesión iniciada con un enlace
trail-signed-in-code = Sesión iniciada con un código
trail-wrong-code = Código incorrecto
trail-signed-out = Sesión cerrada
trail-signed-out-elsewhere = Sesión cerrada en todos los demás sitios
trail-signed-out-everywhere = Sesión cerrada en todas partes
trail-session-ended = Se cerró una sesión
trail-not-me = Se indicó «no fui yo»
trail-operator-ended-sessions = Un administrador cerró la sesión de esta cuenta en todas partes
trail-operator-lifted-back-off = Un administrador quitó la espera tras códigos incorrectos
trail-address-changed = Dirección de correo cambiada
trail-address-change-undone = Cambio de dirección de correo deshecho

## Signing in to an application (OAuth2 / OpenID Connect through Ory Hydra).
# { $app } is the application's name, as its operator registered it.
app-continue-to = Para continuar en { $app }
app-the-app = la aplicación
app-continuing = Redirigiendo a { $app }…
app-continuing-plain = Redirigiendo…
app-continuing-text = Te estamos llevando de vuelta. Si no pasa nada, usa el botón.
app-continue = Continuar
app-gone-title = Esta solicitud ha expirado
app-missing-title = No hay nada que continuar
app-gone-text = Vuelve a { $app } y empieza de nuevo desde allí.
app-signed-in-gone-title = Has iniciado sesión, pero la solicitud ha expirado
app-signed-in-here-title = Has iniciado sesión aquí
app-signed-in-here-text = Para continuar en { $app }, vuelve al navegador o dispositivo donde empezaste.
confirm-app-title = Continúa donde empezaste
confirm-app-elsewhere = Este inicio de sesión en { $app } se empezó en otro navegador o en otro dispositivo.
confirm-app-elsewhere-code = Para continuar en { $app }, escribe allí el código de este correo.
confirm-app-elsewhere-link = Para continuar en { $app }, abre este enlace en ese navegador.
confirm-app-unused = Aquí no se ha usado nada: el correo sigue funcionando allí.
## The consent page: what the application may do, each scope in plain words.
consent-title = ¿Permitir que { $app } acceda a tu cuenta?
consent-as = Has iniciado sesión como { $email }.
consent-asks = { $app } quiere:
consent-remember = Recordar mi decisión para esta aplicación
consent-allow = Permitir
consent-deny = Denegar
consent-later = Puedes cerrar sesión en la aplicación en cualquier momento.
scope-openid = Saber que eres tú
scope-email = Ver tu dirección de correo electrónico
scope-profile = Ver tu perfil básico
scope-offline = Mantener la sesión iniciada cuando no la estés usando
scope-other = Otro acceso: { $scope }
## Signing out of an application.
app-logout-title = ¿Cerrar sesión en { $app }?
app-logout-title-plain = ¿Cerrar sesión?
app-logout-text = También se cerrará tu sesión de { $product } en este navegador.
app-logout-yes = Cerrar sesión
app-logout-no = Mantener la sesión iniciada
