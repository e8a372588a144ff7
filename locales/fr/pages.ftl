# Iris : les textes de toutes les pages. L’anglais est le catalogue de référence : toutes les
# autres langues ont exactement les mêmes clés (vérifié par tests/api/i18n.rs). Registre : vouvoiement.
#
# Placeables : { $email } est une adresse masquée (j***@example.com), { $wait } une expression de
# la section « Attentes » ci-dessous (« dans 58 secondes »), { $when } une expression de « Heures »
# (« aujourd’hui à 19:15 UTC »), { $browser } une expression de « Navigateurs » (« Chrome sous Linux »).

## Attentes : la fin de « … Réessayez { $wait } » et « … un nouvel e-mail { $wait } ».

wait-moment = dans un instant
wait-seconds = dans { $n ->
    [one] { $n } seconde
   *[other] { $n } secondes
}
wait-minutes = dans { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
wait-hours = dans environ { $n ->
    [one] { $n } heure
   *[other] { $n } heures
}

## Heures, toujours en UTC : { $time } vaut 19:15, { $date } une date tirée de « date » ci-dessous.

time-today = aujourd’hui à { $time } UTC
time-yesterday = hier à { $time } UTC
time-date = le { $date } à { $time } UTC
date = { $day ->
    [1] 1er
   *[other] { $day }
  } { $month ->
    [1] janvier
    [2] février
    [3] mars
    [4] avril
    [5] mai
    [6] juin
    [7] juillet
    [8] août
    [9] septembre
    [10] octobre
    [11] novembre
   *[12] décembre
} { $year }

## Navigateurs : le navigateur d’où vient la demande, à la fin de « Demande effectuée … depuis { $browser } ».
## { $name } est un nom de produit (Firefox, Chrome), { $os } un système (Linux, Android).

browser-on-os = { $name } sous { $os }
browser-only = { $name }
browser-title-on-os = { $name } sous { $os }
browser-title-only = { $name }
browser-title-unknown = Navigateur inconnu
browser-unknown = un navigateur inconnu

## Communs à plusieurs pages

page-title = { $title } · { $product }
go-to-sign-in = Aller à la page de connexion
back-to-sign-in = Retour à la page de connexion
start-again = Recommencer
use-another-address = Utiliser une autre adresse e-mail
request-id = Identifiant de la demande : { $id }

## Saisie de l’adresse (/login)

login-title = Se connecter
login-email-label = Adresse e-mail
login-hint-link = Vous recevrez un lien et un code par e-mail.
login-hint-code = Vous recevrez un code à 6 chiffres par e-mail.
login-hint-link-only = Vous recevrez un lien de connexion par e-mail.
login-submit = Continuer avec l’e-mail
email-error-empty = Saisissez votre adresse e-mail.
email-error-too-long = Cette adresse e-mail est trop longue.
email-error-not-bare = Saisissez uniquement l’adresse e-mail, par exemple nom@example.com.
email-error-malformed = Cela ne ressemble pas à une adresse e-mail. Vérifiez-la et réessayez.
email-error-local-part = N’utilisez que des lettres sans accents ni cédille, des chiffres et . _ + - avant le @.
email-error-domain = La partie après le @ n’est pas un nom de domaine valide.

## Consultez votre boîte de réception (/login/check-email), avec la saisie du code

check-title = Consultez votre boîte de réception
check-sent-link = Nous avons envoyé un lien de connexion et un code à 6 chiffres à { $email }.
check-sent-code = Nous avons envoyé un code à 6 chiffres à { $email }.
check-sent-link-only = Nous avons envoyé un lien de connexion à { $email }.
check-open-link = Ouvrez le lien sur n’importe quel appareil, ou saisissez le code ici.
check-open-link-only = Ouvrez le lien reçu par e-mail, sur n’importe quel appareil.
check-delivery-failed = Nous n’avons pas pu remettre cet e-mail. Vérifiez l’adresse ou envoyez un nouvel e-mail.
check-again-link = Nous vous avons déjà envoyé un e-mail il y a quelques instants, nous n’en avons donc pas envoyé d’autre. Utilisez le lien ou le code de cet e-mail.
check-again-code = Nous vous avons déjà envoyé un e-mail il y a quelques instants, nous n’en avons donc pas envoyé d’autre. Utilisez le code de cet e-mail.
check-sent-again-link = Nous vous avons envoyé un nouvel e-mail. Les liens et codes précédents ne fonctionnent plus.
check-sent-again-code = Nous vous avons envoyé un nouvel e-mail. Les codes précédents ne fonctionnent plus.
code-label = Code à 6 chiffres
code-hint = Le code figure au début de l’e-mail.
code-submit = Se connecter
resend-later = Vous n’avez rien reçu ? Vous pourrez demander un nouvel e-mail { $wait }. En attendant, vérifiez votre dossier Spam.
resend-now = Vous n’avez rien reçu ? Vérifiez votre dossier Spam ou :
resend-button = Envoyer un nouvel e-mail

## Pourquoi un code a été refusé (affiché sous la saisie du code)

code-error-empty = Saisissez le code à 6 chiffres reçu par e-mail.
code-error-wrong = Ce code est incorrect. { $left ->
    [one] Il vous reste { $left } tentative.
   *[other] Il vous reste { $left } tentatives.
}
code-error-wrong-check = Ce code est incorrect. Vérifiez l’e-mail et réessayez.
code-error-too-many = Trop de codes incorrects ont été saisis. Demandez un nouvel e-mail ci-dessous.
code-error-locked = Trop de codes incorrects ont été saisis pour cette adresse. Réessayez { $wait }.
code-error-expired = Ce code a expiré. Demandez un nouvel e-mail ci-dessous, sans rien avoir à ressaisir.
code-error-dead = Ce code ne fonctionne plus. Demandez un nouvel e-mail ci-dessous.

## Pourquoi le code de la page « boîte de réception » ne fonctionne plus

code-dead-used = Ce code a déjà été utilisé. Demandez un nouvel e-mail pour vous reconnecter.
code-dead-replaced = Un e-mail plus récent a été envoyé pour cette adresse. Utilisez le code du dernier e-mail reçu, ou demandez-en un nouveau.
code-dead-expired = Ce code a expiré. Demandez un nouvel e-mail pour vous connecter.
code-dead-too-many = Trop de codes incorrects ont été saisis, ce code ne fonctionne donc plus. Demandez un nouvel e-mail.
code-dead-unknown = Cette demande de connexion n’existe plus. Recommencez.

## Confirmer la connexion (le lien reçu par e-mail)

confirm-title = Confirmer la connexion
confirm-question = Se connecter en tant que { $email } ?
confirm-requested = Demande effectuée { $when } depuis { $browser }.
confirm-same-browser = Vous avez demandé ce lien depuis ce navigateur.
confirm-other-browser = Ce lien n’a pas été demandé depuis ce navigateur. Ne continuez que si vous l’avez demandé vous-même, sur un autre appareil.
confirm-submit = Se connecter
confirm-ignore = Si vous n’avez pas demandé à vous connecter, fermez cette page. Rien ne se passera tant que vous n’aurez pas appuyé sur le bouton.

## Liens qui ne fonctionnent plus

link-invalid-title = Ce lien ne fonctionne pas
link-invalid-text = Le lien est incomplet ou n’a jamais été émis. Copiez le lien complet depuis l’e-mail, ou recommencez.
link-used-title = Ce lien a déjà été utilisé
link-used-text = Un lien ou un code ne permet de se connecter qu’une seule fois. Demandez-en un nouveau si vous devez vous reconnecter.
link-replaced-title = Un e-mail plus récent a été envoyé
link-replaced-text = Ce lien a été remplacé par un lien plus récent. Utilisez le dernier e-mail reçu, ou demandez-en un nouveau.
link-expired-title = Ce lien a expiré
link-expired-text = Pour la sécurité de votre compte, les liens de connexion ne fonctionnent que quelques minutes.
link-too-many-title = Trop de tentatives
link-too-many-text = Trop de codes incorrects ont été essayés pour cet e-mail, son lien et son code ne fonctionnent donc plus.
link-locked-text = Trop de codes incorrects ont été essayés pour cette adresse. Réessayez { $wait }.
link-send-new = Envoyer un nouveau lien à { $email }

## Connecté (/)

account-title = Session ouverte
account-signed-in-as = Vous utilisez le compte { $email }.
account-since = Connexion effectuée { $when }.
account-sign-out = Se déconnecter
account-others-ended = Vos autres sessions sont déconnectées.
account-sessions = Où vous êtes connecté
account-this-browser = Ce navigateur
account-session-by-link = Connexion par lien e-mail { $when }.
account-session-by-code = Connexion par code { $when }.
account-session-last-seen = Dernière activité { $when }.
account-session-network = Réseau { $ip }.
account-session-sign-out = Déconnecter
account-session-ended = Cette session est déconnectée.
account-no-other-sessions = Vous n'êtes connecté nulle part ailleurs.
account-other-sessions-text = Connecté sur un appareil que vous n'utilisez plus, ou qui n'est pas le vôtre ? Fermez ces sessions ici.
account-sign-out-others = Se déconnecter partout ailleurs
account-sign-out-everywhere = Se déconnecter partout

## Limites

too-many-title = Trop de tentatives
too-many-text = Trop de demandes. Pour votre sécurité, veuillez réessayer { $wait }.
paused-title = Les e-mails de connexion sont suspendus
paused-text = Nous avons envoyé aujourd’hui autant d’e-mails de connexion que nous le pouvions en toute sécurité, nous ne pouvons donc pas en envoyer d’autre pour le moment. Veuillez réessayer { $wait }.
paused-still-works = Un code ou un lien déjà reçu reste valable jusqu’à son expiration.

## Pages d’erreur, par code HTTP

error-400-title = La demande n’a pas abouti
error-400-text = La demande était incomplète ou mal formée. Revenez en arrière et réessayez.
error-403-title = Ce formulaire a expiré
error-403-text = Pour votre sécurité, un formulaire ne fonctionne que sur la page d’où il provient. Rechargez la page et réessayez.
error-404-title = Page introuvable
error-404-text = Il n’y a rien à cette adresse.
error-405-title = Action impossible ici
error-405-text = Cette adresse n’accepte pas ce type de demande.
error-413-title = Trop de données
error-413-text = Le formulaire a envoyé plus de données que nous n’en acceptons.
error-415-title = La demande n’a pas abouti
error-415-text = Le formulaire a été envoyé dans un format que nous n’acceptons pas.
error-503-title = La connexion est momentanément indisponible
error-503-text = Un service dont nous dépendons ne répond pas. Rien n’a été modifié. Veuillez réessayer dans une minute.
error-other-title = Une erreur s’est produite
error-other-text = Rien n’a été modifié. Veuillez réessayer.

## Erreurs signalées par Kratos (/error?id=…), par identifiant d’erreur Kratos

kratos-error-title = La connexion a échoué
kratos-error-text = Un problème est survenu en cours de route. Rien n’a été modifié. Veuillez recommencer.
kratos-error-csrf = Le formulaire de connexion a expiré ou a été ouvert dans un autre navigateur.
kratos-error-expired = La connexion a pris trop de temps et a expiré.
kratos-error-return-to = Nous ne pouvons pas vous renvoyer vers la page d’où vous venez.
kratos-error-signed-in = Une session est déjà ouverte.
kratos-error-disabled = Ce mode de connexion est désactivé.

link-voided-title = Cet e-mail a été annulé
link-voided-text = Quelqu’un a indiqué ne pas avoir demandé cet e-mail : son lien et son code ne fonctionnent plus. Pour vous connecter, demandez un nouvel e-mail.
code-dead-voided = Cet e-mail a été annulé (« Je n’ai rien demandé ») : son code ne fonctionne plus. Demandez un nouvel e-mail pour vous connecter.

# « Ce n’était pas moi » (le second lien de chaque e-mail de connexion).
not-me-title = Vous n’avez pas demandé à vous connecter ?
not-me-what = Quelqu’un a demandé à se connecter en tant que { $email } { $when } depuis { $browser }.
not-me-explain = Si ce n’était pas vous, annulez cet e-mail. Son lien et son code cesseront de fonctionner, toute personne connectée avec lui sera déconnectée et, pendant un certain temps, seuls les navigateurs déjà connectés avec cette adresse pourront demander un nouvel e-mail.
not-me-submit = Annuler cet e-mail
not-me-was-me = Si c’était vous, fermez cette page et utilisez le lien ou le code de l’e-mail. Rien ne se passe tant que vous n’appuyez pas sur le bouton.
not-me-done-title = Cet e-mail est annulé
not-me-done-text = Son lien et son code ne fonctionnent plus. Personne ne s’était connecté avec lui.
not-me-done-ended = Quelqu’un s’était déjà connecté avec lui. Cette session a été fermée.
not-me-done-ended-all = Quelqu’un s’était déjà connecté avec lui : toutes les sessions de ce compte ont donc été fermées, y compris la vôtre.
not-me-done-held = Les e-mails de connexion vers cette adresse sont suspendus ; ils reprendront { $wait }. Les navigateurs déjà connectés avec elle peuvent toujours en demander un.
not-me-done-next = Personne ne peut se connecter sans les e-mails envoyés à cette adresse. Si vous continuez à recevoir des e-mails que vous n’avez pas demandés, vérifiez que votre compte de messagerie est sécurisé.
not-me-already-title = Cet e-mail était déjà annulé
not-me-already-text = Son lien et son code ne fonctionnent plus. Il n’y a rien d’autre à faire.
not-me-expired-title = Cet e-mail a expiré
not-me-expired-text = Personne ne s’est connecté avec lui, et son lien et son code ne fonctionnent plus. Il n’y a rien d’autre à faire.
## Changing the address (/account/email)

account-change-address = Changer d'adresse e-mail
account-address-changed = Votre adresse e-mail a été changée. Nous avons prévenu votre ancienne adresse et vous avons déconnecté partout ailleurs.
account-address-fixed = Votre adresse e-mail ne peut pas être changée ici. Si vous devez la changer, adressez-vous à l'administration du service.
address-title = Changer d'adresse e-mail
address-current = Votre adresse est { $email }.
address-new-label = Nouvelle adresse e-mail
address-new-hint = Nous enverrons un code et un lien à la nouvelle adresse. Rien ne change tant que vous n'utilisez pas l'un des deux, et nous préviendrons alors votre adresse actuelle.
address-submit = Envoyer la confirmation
address-reauth = Pour votre sécurité, confirmez d'abord que c'est bien vous : nous enverrons un lien de connexion à votre adresse actuelle. Revenez ensuite ici.
address-reauth-submit = M'envoyer un lien de connexion
address-back = Retour à votre compte
address-requested = Demande effectuée { $when } depuis { $browser }.
address-check-title = Vérifiez votre nouvelle adresse
address-check-sent = Nous avons envoyé un code et un lien à { $email }. Saisissez le code ici ou ouvrez le lien.
address-check-submit = Changer mon adresse
address-another = Utiliser une autre adresse
address-confirm-title = Changer votre adresse e-mail ?
address-confirm-question = Faire de { $email } l'adresse de votre compte ?
address-confirm-submit = Oui, la changer
address-undo-title = Annuler le changement d'adresse ?
address-undo-question = L'adresse de votre compte a été changée en { $email }. Si ce n'était pas vous, annulez-le : cette adresse revient et votre compte est déconnecté partout.
address-undo-submit = Annuler le changement
address-done-title = Votre adresse e-mail a été changée
address-done-elsewhere = L'adresse de votre compte est désormais { $email }, et il est déconnecté partout. Connectez-vous avec la nouvelle adresse.
address-sign-in = Se connecter
address-undone-title = Le changement est annulé
address-undone-text = L'adresse de votre compte est de nouveau { $email }, et il est déconnecté partout. Connectez-vous et vérifiez où vous êtes connecté.
address-error-same = C'est déjà votre adresse.
address-error-limited = Trop d'e-mails ont été envoyés à cette adresse. Réessayez { $wait }.
address-problem-title = Cela ne fonctionne plus
address-problem-unknown = Ce lien n'est pas valide. Recommencez depuis la page de votre compte.
address-problem-taken = Un autre compte utilise déjà cette adresse : rien n'a été changé.
address-problem-confirmed = Ce changement est déjà effectué.
address-problem-reverted = Ce changement a déjà été annulé.
address-problem-expired = Ceci a expiré. Recommencez depuis la page de votre compte.
address-problem-superseded = Un changement plus récent a remplacé celui-ci, ou il a été annulé. Utilisez l'e-mail le plus récent.
address-problem-too-many = Trop de codes erronés ont été saisis. Recommencez depuis la page de votre compte.

## Recent activity on the account page: what happened, then when and from which browser.
trail-title = Activité récente
trail-empty = Rien ne s'est encore passé sur ce compte.
trail-unavailable = L'activité récente ne peut pas être affichée pour le moment. Le reste de cette page fonctionne.
trail-from = depuis { $browser } ({ $ip })
trail-operator = par un administrateur
trail-email-requested = E-mail de connexion envoyé
trail-signed-in-link = Connexion avec un lien
trail-signed-in-code = Connexion avec un code
trail-wrong-code = Code erroné saisi
trail-signed-out = Déconnexion
trail-signed-out-elsewhere = Déconnexion partout ailleurs
trail-signed-out-everywhere = Déconnexion partout
trail-session-ended = Une session a été fermée
trail-not-me = Signalé « ce n'était pas moi »
trail-operator-ended-sessions = Un administrateur a déconnecté ce compte partout
trail-operator-lifted-back-off = Un administrateur a levé l'attente après des codes erronés
trail-address-changed = Adresse e-mail changée
trail-address-change-undone = Changement d'adresse e-mail annulé

## Signing in to an application (OAuth2 / OpenID Connect through Ory Hydra).
# { $app } is the application's name, as its operator registered it.
app-continue-to = Pour continuer vers { $app }
app-the-app = l’application
app-continuing = Redirection vers { $app }…
app-continuing-plain = Redirection…
app-continuing-text = Vous allez être redirigé. Si rien ne se passe, utilisez le bouton.
app-continue = Continuer
app-gone-title = Cette demande a expiré
app-missing-title = Rien à poursuivre
app-gone-text = Retournez sur { $app } et recommencez à partir de là.
app-signed-in-gone-title = Vous êtes connecté, mais la demande a expiré
app-signed-in-here-title = Vous êtes connecté ici
app-signed-in-here-text = Pour continuer vers { $app }, revenez au navigateur ou à l’appareil sur lequel vous avez commencé.
confirm-app-title = Continuez là où vous avez commencé
confirm-app-elsewhere = Cette connexion à { $app } a été commencée dans un autre navigateur ou sur un autre appareil.
confirm-app-elsewhere-code = Pour continuer vers { $app }, saisissez-y le code de cet e-mail.
confirm-app-elsewhere-link = Pour continuer vers { $app }, ouvrez ce lien dans ce navigateur-là.
confirm-app-unused = Rien n’a été utilisé ici : l’e-mail fonctionne toujours là-bas.
## The consent page: what the application may do, each scope in plain words.
consent-title = Autoriser { $app } à accéder à votre compte ?
consent-as = Vous êtes connecté en tant que { $email }.
consent-asks = { $app } souhaite :
consent-remember = Mémoriser mon choix pour cette application
consent-allow = Autoriser
consent-deny = Refuser
consent-later = Vous pouvez vous déconnecter de l’application à tout moment.
scope-openid = Savoir que c’est vous
scope-email = Voir votre adresse e-mail
scope-profile = Voir votre profil de base
scope-offline = Garder votre session ouverte quand vous ne l’utilisez pas
scope-other = Autre accès : { $scope }
## Signing out of an application.
app-logout-title = Se déconnecter de { $app } ?
app-logout-title-plain = Se déconnecter ?
app-logout-text = Vous serez aussi déconnecté de { $product } dans ce navigateur.
app-logout-yes = Se déconnecter
app-logout-no = Rester connecté
