# Iris: письмо для входа (тема, текстовая и HTML-версии говорят одно и то же).
# { $product } — название продукта из branding.product_name; { $when } и { $browser } берутся
# из pages.ftl («1 декабря 2026 г. в 19:15 UTC», «браузера Chrome на Linux»).

mail-subject = Вход в { $product }
mail-code-intro = Ваш код для входа в { $product }:
mail-link-intro = Или войдите по этой ссылке:
mail-link-only-intro = Войдите в { $product } по этой ссылке:
mail-button = Войти в { $product }
mail-lifetime-both = Код и ссылка одноразовые и действуют { $minutes ->
    [one] { $minutes } минуту
    [few] { $minutes } минуты
    [many] { $minutes } минут
   *[other] { $minutes } минуты
}.
mail-lifetime-code = Введите его на странице входа. Код одноразовый и действует { $minutes ->
    [one] { $minutes } минуту
    [few] { $minutes } минуты
    [many] { $minutes } минут
   *[other] { $minutes } минуты
}.
mail-lifetime-link = Ссылка одноразовая и действует { $minutes ->
    [one] { $minutes } минуту
    [few] { $minutes } минуты
    [many] { $minutes } минут
   *[other] { $minutes } минуты
}.
mail-requested-from = Вход запрошен { $when } из { $browser }.
mail-requested = Вход запрошен { $when }.
mail-ignore = Если это были не вы, просто проигнорируйте это письмо: без него никто не сможет войти.
mail-never-share = Никому не сообщайте этот код.
mail-never-share-link = Никому не передавайте эту ссылку.
mail-not-me = Не запрашивали? Отмените это письмо:
mail-not-me-link = Я этого не запрашивал
