from tests.steps import GROUP, IVAN, Harness


async def test_start_greets_with_consent_and_menu(harness: Harness) -> None:
    await harness.say(IVAN, "/start")
    call = harness.tg.last_to(IVAN.id)
    assert "Здравствуйте, Иван!" in call.text
    assert "храним" in call.text  # the consent line
    assert call.button_labels() == [
        "🚗 Новая заявка на подбор", "📋 Мои заявки",
        "💬 Написать менеджеру", "✍️ Пожелание или критика", "🔒 О моих данных",
    ]
    assert harness.tg.to_chat(GROUP) == []
