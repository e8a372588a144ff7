# Iris: os textos de todas as páginas. O inglês é o catálogo de referência: todas as outras línguas
# têm exatamente estas chaves (verificado por tests/api/i18n.rs).
# Variante: português do Brasil como base, com formas que também soam naturais em Portugal
# (imperativo de "você" sem o pronome — "Insira", "Verifique", "Peça" —, "o seu"/"a sua" com artigo,
# sem gerúndios nem "está a"; evitam-se "tela"/"ecrã", "usuário"/"utilizador", "compartilhar"/"partilhar").
# "senha" (e não "palavra-passe") e "link" são as palavras do Brasil, compreendidas em Portugal.
#
# Placeables: { $email } é um endereço mascarado (j***@example.com), { $wait } uma expressão da parte
# "Esperas" abaixo ("daqui a 58 segundos"), { $when } uma de "Horas" ("hoje às 19:15 UTC"),
# { $browser } uma de "Navegadores" ("o Chrome no Linux", com artigo, pois vem depois de "com").

## Esperas: o final de "… Tente novamente { $wait }" e "… um novo e-mail { $wait }".

wait-moment = daqui a pouco
wait-seconds = daqui a { $n ->
    [one] { $n } segundo
   *[other] { $n } segundos
}
wait-minutes = daqui a { $n ->
    [one] { $n } minuto
   *[other] { $n } minutos
}
wait-hours = daqui a cerca de { $n ->
    [one] { $n } hora
   *[other] { $n } horas
}

## Horas, sempre em UTC: { $time } é 19:15, { $date } uma data de "date" abaixo.

time-today = hoje às { $time } UTC
time-yesterday = ontem às { $time } UTC
time-date = em { $date } às { $time } UTC
date = { $day ->
    [1] 1º
   *[other] { $day }
  } de { $month ->
    [1] janeiro
    [2] fevereiro
    [3] março
    [4] abril
    [5] maio
    [6] junho
    [7] julho
    [8] agosto
    [9] setembro
    [10] outubro
    [11] novembro
   *[12] dezembro
} de { $year }

## Navegadores: de que navegador veio o pedido, no final de "Pedido feito … com { $browser }".
## { $name } é um nome de produto (Firefox, Chrome), { $os } um sistema (Linux, Android).
## Levam o artigo ("com o Chrome no Linux", "com um navegador desconhecido").

browser-on-os = o { $name } no { $os }
browser-only = o { $name }
browser-title-on-os = { $name } no { $os }
browser-title-only = { $name }
browser-title-unknown = Navegador desconhecido
browser-unknown = um navegador desconhecido

## Comuns a várias páginas

page-title = { $title } · { $product }
go-to-sign-in = Ir para a página de acesso
back-to-sign-in = Voltar à página de acesso
start-again = Começar de novo
use-another-address = Usar outro endereço de e-mail
request-id = ID do pedido: { $id }

## Introdução do e-mail (/login)

login-title = Entrar
login-email-label = Endereço de e-mail
login-hint-link = Enviaremos um link e um código para o seu e-mail.
login-hint-code = Enviaremos um código de 6 dígitos para o seu e-mail.
login-hint-link-only = Enviaremos um link de acesso para o seu e-mail.
login-submit = Continuar com e-mail
email-error-empty = Insira o seu endereço de e-mail.
email-error-too-long = Este endereço de e-mail é muito longo.
email-error-not-bare = Insira apenas o endereço de e-mail, por exemplo nome@example.com.
email-error-malformed = Isso não parece um endereço de e-mail. Verifique e tente novamente.
email-error-local-part = Use apenas letras sem acentos nem cedilha, números e . _ + - antes do símbolo @.
email-error-domain = A parte depois do símbolo @ não é um domínio válido.

## Verifique a sua caixa de entrada (/login/check-email), com o campo do código

check-title = Verifique a sua caixa de entrada
check-sent-link = Enviamos um link de acesso e um código de 6 dígitos para { $email }.
check-sent-code = Enviamos um código de 6 dígitos para { $email }.
check-sent-link-only = Enviamos um link de acesso para { $email }.
check-open-link = Abra o link em qualquer dispositivo ou insira o código aqui.
check-open-link-only = Abra o link do e-mail em qualquer dispositivo.
check-delivery-failed = Não foi possível entregar esse e-mail. Verifique o endereço ou envie um novo.
check-again-link = Já enviamos um e-mail há instantes, por isso não enviamos outro. Use o link ou o código desse e-mail.
check-again-code = Já enviamos um e-mail há instantes, por isso não enviamos outro. Use o código desse e-mail.
check-sent-again-link = Enviamos um novo e-mail. Os links e códigos anteriores deixaram de funcionar.
check-sent-again-code = Enviamos um novo e-mail. Os códigos anteriores deixaram de funcionar.
code-label = Código de 6 dígitos
code-hint = O código aparece no início do e-mail.
code-submit = Entrar
resend-later = Não recebeu? Pode pedir um novo e-mail { $wait }. Enquanto espera, verifique a pasta de spam.
resend-now = Não recebeu? Verifique a pasta de spam ou:
resend-button = Enviar um novo e-mail

## Motivo pelo qual um código foi recusado (mostrado junto ao campo do código)

code-error-empty = Insira o código de 6 dígitos que recebeu por e-mail.
code-error-wrong = Este código está incorreto. { $left ->
    [one] Resta { $left } tentativa.
   *[other] Restam { $left } tentativas.
}
code-error-wrong-check = Este código está incorreto. Verifique o e-mail e tente novamente.
code-error-too-many = Foram inseridos muitos códigos incorretos. Peça um novo e-mail abaixo.
code-error-locked = Foram inseridos muitos códigos incorretos para este endereço. Tente novamente { $wait }.
code-error-expired = Este código expirou. Peça um novo e-mail abaixo: não é preciso escrever nada de novo.
code-error-dead = Este código deixou de funcionar. Peça um novo e-mail abaixo.

## Motivo pelo qual o código da página da caixa de entrada deixou de funcionar

code-dead-used = Este código já foi usado. Peça um novo e-mail para entrar outra vez.
code-dead-replaced = Foi enviado um e-mail mais recente para este endereço. Use o código do último e-mail ou peça um novo.
code-dead-expired = Este código expirou. Peça um novo e-mail para entrar.
code-dead-too-many = Foram inseridos muitos códigos incorretos, por isso este código deixou de funcionar. Peça um novo e-mail.
code-dead-unknown = Este pedido de acesso deixou de existir. Comece de novo.

## Confirmar o acesso (o link enviado por e-mail)

confirm-title = Confirmar acesso
confirm-question = Entrar como { $email }?
confirm-requested = Pedido feito { $when } com { $browser }.
confirm-same-browser = Este link foi pedido neste navegador.
confirm-other-browser = Este link não foi pedido neste navegador. Continue apenas se foi mesmo você que o pediu, a partir de outro dispositivo.
confirm-submit = Entrar
confirm-ignore = Se não pediu para entrar, feche esta página. Nada acontece até clicar no botão.

## Links que deixaram de funcionar

link-invalid-title = Este link não funciona
link-invalid-text = O link está incompleto ou nunca foi emitido. Copie o link completo do e-mail ou comece de novo.
link-used-title = Este link já foi usado
link-used-text = Cada link e cada código só servem para entrar uma vez. Peça um novo se precisar de entrar outra vez.
link-replaced-title = Foi enviado um e-mail mais recente
link-replaced-text = Este link foi substituído por um mais recente. Use o último e-mail ou peça um novo.
link-expired-title = Este link expirou
link-expired-text = Para manter a sua conta segura, os links de acesso só funcionam durante alguns minutos.
link-too-many-title = Muitas tentativas
link-too-many-text = Foram testados muitos códigos incorretos para este e-mail, por isso o link e o código deixaram de funcionar.
link-locked-text = Foram testados muitos códigos incorretos para este endereço. Tente novamente { $wait }.
link-send-new = Enviar um novo link para { $email }

## Sessão iniciada (/)

account-title = Sessão iniciada
account-signed-in-as = Entrou como { $email }.
account-since = Sessão iniciada { $when }.
account-sign-out = Sair
account-others-ended = As suas outras sessões foram terminadas.
account-sessions = Onde tem sessão iniciada
account-this-browser = Este navegador
account-session-by-link = Sessão iniciada com uma ligação por e-mail { $when }.
account-session-by-code = Sessão iniciada com um código { $when }.
account-session-last-seen = Última atividade { $when }.
account-session-network = Rede { $ip }.
account-session-sign-out = Terminar sessão
account-session-ended = Essa sessão foi terminada.
account-no-other-sessions = Não tem sessão iniciada em mais nenhum lado.
account-other-sessions-text = Tem sessão iniciada num dispositivo que já não usa ou que não é seu? Termine essas sessões aqui.
account-sign-out-others = Terminar sessão em todos os outros locais
account-sign-out-everywhere = Terminar sessão em todo o lado

## Limites

too-many-title = Muitas tentativas
too-many-text = Muitos pedidos. Por segurança, tente novamente { $wait }.
paused-title = Os e-mails de acesso estão em pausa
paused-text = Hoje já enviamos todos os e-mails de acesso que podemos enviar com segurança, por isso neste momento não é possível enviar mais nenhum. Tente novamente { $wait }.
paused-still-works = Um código ou link que já tenha recebido continua válido até expirar.

## Páginas de erro, por código HTTP

error-400-title = Não foi possível concluir o pedido
error-400-text = O pedido estava incompleto ou mal formado. Volte atrás e tente novamente.
error-403-title = Este formulário expirou
error-403-text = Por segurança, os formulários só funcionam na página de onde vieram. Recarregue a página e tente novamente.
error-404-title = Página não encontrada
error-404-text = Não existe nada neste endereço.
error-405-title = Esta ação não é possível aqui
error-405-text = Este endereço não aceita esse tipo de pedido.
error-413-title = Dados em excesso
error-413-text = O formulário enviou mais dados do que aceitamos.
error-415-title = Não foi possível concluir o pedido
error-415-text = Não aceitamos o formato em que o formulário foi enviado.
error-503-title = O acesso está indisponível neste momento
error-503-text = Um serviço de que dependemos não responde. Nada foi alterado; tente novamente daqui a um minuto.
error-other-title = Ocorreu um erro
error-other-text = Nada foi alterado. Tente novamente.

## Erros comunicados pelo Kratos (/error?id=…), pelo id de erro do Kratos

kratos-error-title = Não foi possível entrar
kratos-error-text = Ocorreu um problema durante o processo. Nada foi alterado; comece de novo.
kratos-error-csrf = O formulário de acesso expirou ou pertence a outro navegador.
kratos-error-expired = O processo de acesso demorou muito e expirou.
kratos-error-return-to = Não é possível voltar à página de onde veio.
kratos-error-signed-in = A sessão já está iniciada.
kratos-error-disabled = Esta forma de entrar está desativada.

link-voided-title = Este e-mail foi anulado
link-voided-text = Alguém indicou que não pediu este e-mail, por isso o link e o código já não funcionam. Para entrar, peça um novo e-mail.
code-dead-voided = Este e-mail foi anulado («Não pedi isto»), por isso o código já não funciona. Peça um novo e-mail para entrar.

# «Não fui eu» (a segunda ligação de cada e-mail de entrada).
not-me-title = Não pediu para entrar?
not-me-what = Alguém pediu para entrar como { $email } { $when } com { $browser }.
not-me-explain = Se não foi você, anule este e-mail. O link e o código deixam de funcionar, quem entrou com ele sai da sessão e, durante algum tempo, só os navegadores que já entraram com este endereço podem pedir um novo e-mail.
not-me-submit = Anular este e-mail
not-me-was-me = Se foi você, feche esta página e use o link ou o código do e-mail. Nada acontece até carregar no botão.
not-me-done-title = Este e-mail está anulado
not-me-done-text = O link e o código já não funcionam. Ninguém tinha entrado com ele.
not-me-done-ended = Alguém já tinha entrado com ele. Essa sessão foi terminada.
not-me-done-ended-all = Alguém já tinha entrado com ele, por isso todas as sessões desta conta foram terminadas, incluindo a sua.
not-me-done-held = Os novos e-mails de entrada para este endereço estão em pausa; serão retomados { $wait }. Os navegadores que já entraram com ele podem continuar a pedir um.
not-me-done-next = Ninguém consegue entrar sem os e-mails enviados para este endereço. Se continuar a receber e-mails que não pediu, confirme que a sua conta de e-mail está segura.
not-me-already-title = Este e-mail já estava anulado
not-me-already-text = O link e o código já não funcionam. Não há mais nada a fazer.
not-me-expired-title = Este e-mail expirou
not-me-expired-text = Ninguém entrou com ele, e o link e o código já não funcionam. Não há mais nada a fazer.
## Changing the address (/account/email)

account-change-address = Alterar o endereço de e-mail
account-address-changed = O seu endereço de e-mail foi alterado. Avisámos o endereço antigo e terminámos a sua sessão em todos os outros lados.
account-address-fixed = O seu endereço de e-mail não pode ser alterado aqui. Se precisar de o alterar, contacte a administração do serviço.
address-title = Alterar o endereço de e-mail
address-current = O seu endereço é { $email }.
address-new-label = Novo endereço de e-mail
address-new-hint = Vamos enviar um código e uma ligação para o novo endereço. Nada muda até usar um deles, e nessa altura avisamos o seu endereço atual.
address-submit = Enviar a confirmação
address-reauth = Para sua segurança, confirme primeiro que é você: vamos enviar uma ligação de início de sessão para o seu endereço atual. Depois volte aqui.
address-reauth-submit = Enviar-me uma ligação de início de sessão
address-back = Voltar à sua conta
address-requested = Pedido feito { $when } com { $browser }.
address-check-title = Verifique o novo endereço
address-check-sent = Enviámos um código e uma ligação para { $email }. Introduza o código aqui ou abra a ligação.
address-check-submit = Alterar o meu endereço
address-another = Usar outro endereço
address-confirm-title = Alterar o endereço de e-mail?
address-confirm-question = Tornar { $email } o endereço da sua conta?
address-confirm-submit = Sim, alterar
address-undo-title = Anular a alteração de endereço?
address-undo-question = O endereço da sua conta foi alterado para { $email }. Se não foi você, anule a alteração: este endereço volta e a sessão da sua conta é terminada em todo o lado.
address-undo-submit = Anular a alteração
address-done-title = O seu endereço de e-mail foi alterado
address-done-elsewhere = O endereço da sua conta é agora { $email } e a sessão foi terminada em todo o lado. Inicie sessão com o novo endereço.
address-sign-in = Iniciar sessão
address-undone-title = A alteração foi anulada
address-undone-text = O endereço da sua conta volta a ser { $email } e a sessão foi terminada em todo o lado. Inicie sessão e veja onde tem sessão iniciada.
address-error-same = Esse já é o seu endereço.
address-error-limited = Foram enviados demasiados e-mails para esse endereço. Tente novamente { $wait }.
address-problem-title = Isto já não funciona
address-problem-unknown = Esta ligação não é válida. Comece de novo na página da sua conta.
address-problem-taken = Outra conta já usa esse endereço, por isso nada foi alterado.
address-problem-confirmed = Esta alteração já foi feita.
address-problem-reverted = Esta alteração já foi anulada.
address-problem-expired = Isto expirou. Comece de novo na página da sua conta.
address-problem-superseded = Uma alteração mais recente substituiu esta, ou foi anulada. Use o e-mail mais recente.
address-problem-too-many = Foram introduzidos demasiados códigos errados. Comece de novo na página da sua conta.

## Recent activity on the account page: what happened, then when and from which browser.
trail-title = Atividade recente
trail-empty = Ainda não aconteceu nada nesta conta.
trail-unavailable = Não é possível mostrar a atividade recente neste momento. Tudo o resto nesta página funciona.
trail-from = com { $browser } ({ $ip })
trail-operator = por um administrador
trail-email-requested = E-mail de início de sessão enviado
trail-signed-in-link = Sessão iniciada com uma ligação
trail-signed-in-code = Sessão iniciada com um código
trail-wrong-code = Código errado introduzido
trail-signed-out = Sessão terminada
trail-signed-out-elsewhere = Sessão terminada em todos os outros locais
trail-signed-out-everywhere = Sessão terminada em todo o lado
trail-session-ended = Uma sessão foi terminada
trail-not-me = Indicado «não fui eu»
trail-operator-ended-sessions = Um administrador terminou a sessão desta conta em todo o lado
trail-operator-lifted-back-off = Um administrador retirou a espera após códigos errados
trail-address-changed = Endereço de e-mail alterado
trail-address-change-undone = Alteração do endereço de e-mail anulada

## Signing in to an application (OAuth2 / OpenID Connect through Ory Hydra).
# { $app } is the application's name, as its operator registered it.
app-continue-to = Para seguir para { $app }
app-the-app = a aplicação
app-continuing = A caminho de { $app }…
app-continuing-plain = A caminho…
app-continuing-text = Vai voltar automaticamente. Se nada acontecer, use o botão.
app-continue = Continuar
app-gone-title = Este pedido expirou
app-missing-title = Não há nada para continuar
app-gone-text = Volte para { $app } e comece de novo a partir de lá.
app-signed-in-gone-title = Sessão iniciada, mas o pedido expirou
app-signed-in-here-title = Sessão iniciada aqui
app-signed-in-here-text = Para seguir para { $app }, volte ao navegador ou dispositivo onde começou.
confirm-app-title = Continue onde começou
confirm-app-elsewhere = Este acesso a { $app } foi iniciado em outro navegador ou em outro dispositivo.
confirm-app-elsewhere-code = Para seguir para { $app }, insira lá o código deste e-mail.
confirm-app-elsewhere-link = Para seguir para { $app }, abra este link nesse navegador.
confirm-app-unused = Nada foi usado aqui: o e-mail continua válido lá.
## The consent page: what the application may do, each scope in plain words.
consent-title = Dar acesso a { $app }?
consent-as = Entrou como { $email }.
consent-asks = { $app } gostaria de:
consent-remember = Lembrar a minha decisão para esta aplicação
consent-allow = Permitir
consent-deny = Recusar
consent-later = Pode sair da aplicação a qualquer momento.
scope-openid = Saber que é você
scope-email = Ver o seu endereço de e-mail
scope-profile = Ver o seu perfil básico
scope-offline = Manter a sessão iniciada mesmo quando não usa a aplicação
scope-other = Outro acesso: { $scope }
## Signing out of an application.
app-logout-title = Sair de { $app }?
app-logout-title-plain = Sair?
app-logout-text = Também vai sair de { $product } neste navegador.
app-logout-yes = Sair
app-logout-no = Manter a sessão iniciada
