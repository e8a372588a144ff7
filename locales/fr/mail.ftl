# Iris : l’e-mail de connexion (l’objet, le texte brut et le HTML disent la même chose).
# { $product } est le nom du produit (branding.product_name) ; { $when } et { $browser } viennent
# de pages.ftl (« le 1er décembre 2026 à 19:15 UTC », « Chrome sous Linux »).

mail-subject = Connexion à { $product }
mail-code-intro = Voici votre code de connexion à { $product } :
mail-link-intro = Ou ouvrez ce lien pour vous connecter :
mail-link-only-intro = Ouvrez ce lien pour vous connecter à { $product } :
mail-button = Se connecter à { $product }
mail-lifetime-both = Le code et le lien ne sont valables qu’une fois, pendant { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
mail-lifetime-code = Saisissez-le sur la page de connexion. Il n’est valable qu’une fois, pendant { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
mail-lifetime-link = Le lien n’est valable qu’une fois, pendant { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
mail-requested-from = Cette demande a été effectuée { $when } depuis { $browser }.
mail-requested = Cette demande a été effectuée { $when }.
mail-ignore = Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : personne ne peut se connecter sans lui.
mail-never-share = Ne communiquez jamais ce code à qui que ce soit.
mail-never-share-link = Ne communiquez jamais ce lien à qui que ce soit.
mail-not-me = Vous n’avez rien demandé ? Annulez cet e-mail :
mail-not-me-link = Je n’ai rien demandé

## Changing the address

mail-change-subject = Confirmez votre nouvelle adresse pour { $product }
mail-change-intro = Pour faire de cette adresse celle de votre compte { $product }, saisissez ce code :
mail-change-link-intro = Ou confirmez avec ce lien :
mail-change-button = Confirmer cette adresse
mail-change-lifetime = Le code et le lien fonctionnent une seule fois, pendant { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
mail-change-requested = Demande effectuée { $when } depuis { $browser }.
mail-change-ignore = Si vous n'avez rien demandé, ignorez cet e-mail : rien ne change.
mail-notice-subject = Votre adresse { $product } a été changée
mail-notice-text = L'adresse de votre compte { $product } est désormais { $email }.
mail-notice-if-you = Si c'était vous, il n'y a rien à faire.
mail-notice-if-not = Si ce n'était pas vous, annulez-le : cette adresse revient et votre compte est déconnecté partout. Le lien fonctionne pendant { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}.
mail-notice-button = Annuler le changement
