# Iris: o e-mail de acesso (o assunto, o texto simples e o HTML dizem o mesmo).
# { $product } é o nome do produto (branding.product_name); { $when } e { $browser } vêm
# de pages.ftl ("em 1º de dezembro de 2026 às 19:15 UTC", "o Chrome no Linux").

mail-subject = Entrar em { $product }
mail-code-intro = O seu código de acesso para { $product } é:
mail-link-intro = Ou abra este link para entrar:
mail-link-only-intro = Abra este link para entrar em { $product }:
mail-button = Entrar em { $product }
mail-lifetime-both = O código e o link só podem ser usados uma vez, durante { $minutes ->
    [one] { $minutes } minuto
   *[other] { $minutes } minutos
}.
mail-lifetime-code = Insira-o na página de acesso. Só pode ser usado uma vez, durante { $minutes ->
    [one] { $minutes } minuto
   *[other] { $minutes } minutos
}.
mail-lifetime-link = O link só pode ser usado uma vez, durante { $minutes ->
    [one] { $minutes } minuto
   *[other] { $minutes } minutos
}.
mail-requested-from = Este pedido foi feito { $when } com { $browser }.
mail-requested = Este pedido foi feito { $when }.
mail-ignore = Se não fez este pedido, ignore este e-mail: ninguém consegue entrar sem ele.
mail-never-share = Nunca revele este código a ninguém.
mail-never-share-link = Nunca revele este link a ninguém.
mail-not-me = Não pediu isto? Anule este e-mail:
mail-not-me-link = Não pedi isto

## Changing the address

mail-change-subject = Confirme o seu novo endereço para { $product }
mail-change-intro = Para tornar este o endereço da sua conta { $product }, introduza este código:
mail-change-link-intro = Ou confirme com esta ligação:
mail-change-button = Confirmar este endereço
mail-change-lifetime = O código e a ligação funcionam uma vez, durante { $minutes ->
    [one] { $minutes } minuto
   *[other] { $minutes } minutos
}.
mail-change-requested = Pedido feito { $when } com { $browser }.
mail-change-ignore = Se não pediu isto, ignore este e-mail: nada muda.
mail-notice-subject = O seu endereço em { $product } foi alterado
mail-notice-text = O endereço da sua conta { $product } é agora { $email }.
mail-notice-if-you = Se foi você, não tem de fazer nada.
mail-notice-if-not = Se não foi você, anule a alteração: este endereço volta e a sessão da sua conta é terminada em todo o lado. A ligação funciona durante { $days ->
    [one] { $days } dia
   *[other] { $days } dias
}.
mail-notice-button = Anular a alteração
