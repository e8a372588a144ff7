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

## Changing the address

mail-change-subject = Подтвердите новый адрес для { $product }
mail-change-intro = Чтобы сделать этот адрес адресом вашего аккаунта { $product }, введите код:
mail-change-link-intro = Или подтвердите по ссылке:
mail-change-button = Подтвердить этот адрес
mail-change-lifetime = Код и ссылка одноразовые и действуют { $minutes ->
    [one] { $minutes } минуту
    [few] { $minutes } минуты
    [many] { $minutes } минут
   *[other] { $minutes } минуты
}.
mail-change-requested = Запрошено { $when } из { $browser }.
mail-change-ignore = Если вы этого не запрашивали, просто проигнорируйте письмо: ничего не изменится.
mail-notice-subject = Ваш адрес в { $product } изменён
mail-notice-text = Адрес вашего аккаунта { $product } теперь { $email }.
mail-notice-if-you = Если это были вы, ничего делать не нужно.
mail-notice-if-not = Если это были не вы, отмените изменение: этот адрес вернётся, а все сеансы аккаунта будут завершены. Ссылка действует { $days ->
    [one] { $days } день
    [few] { $days } дня
    [many] { $days } дней
   *[other] { $days } дня
}.
mail-notice-button = Отменить изменение
