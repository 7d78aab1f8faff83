"""The demo's public side: illustrations with alt texts and the event pages of the press office."""

import datetime as dt

from press.enums import PageStatus

from . import drawings
from .vocabulary import PageSpec, PhotoSpec, Text, at

PHOTOS = (
    PhotoSpec(
        key="stage",
        filename="festakt-buehne.jpg",
        draw=drawings.ceremony_stage,
        alt_text=Text(
            "Illustration: Bühne mit Rednerpult, roten Vorhängen und einem Banner mit der Aufschrift „50 "
            "Jahre Kreis Kleve“",
            "Ілюстрація: сцена з трибуною, червоними завісами та банером із написом «50 Jahre Kreis Kleve»",
            "Illustration: a stage with a lectern, red curtains and a banner reading “50 Jahre Kreis Kleve”",
        ),
        caption=Text(
            "Der Festakt zum 50-jährigen Bestehen des Kreises fand im Berufskolleg Kleve statt.",
            "Урочистості з нагоди 50-річчя району відбулися у професійному коледжі Клеве.",
            "The ceremony for the county's 50th anniversary took place at the Berufskolleg Kleve.",
        ),
    ),
    PhotoSpec(
        key="wind",
        filename="buergerwindpark.jpg",
        draw=drawings.wind_farm,
        alt_text=Text(
            "Illustration: drei Windräder über flachen Feldern und einer Reihe Pappeln",
            "Ілюстрація: три вітрові турбіни над рівнинними полями та рядом тополь",
            "Illustration: three wind turbines above flat fields and a row of poplars",
        ),
        caption=Text(
            "Der Bürgerwindpark Kalkarer Feld gehört Menschen aus der Umgebung.",
            "Громадський вітропарк «Kalkarer Feld» належить місцевим жителям.",
            "The Kalkarer Feld wind farm is owned by people who live nearby.",
        ),
    ),
    PhotoSpec(
        key="table",
        filename="arbeitsgespraech.jpg",
        draw=drawings.meeting_table,
        alt_text=Text(
            "Illustration: Besprechungstisch mit einer deutschen und einer ukrainischen Tischflagge vor "
            "einem Fenster",
            "Ілюстрація: стіл для переговорів із настільними прапорцями Німеччини та України на тлі вікна",
            "Illustration: a meeting table with German and Ukrainian table flags in front of a window",
        ),
        caption=Text(
            "Arbeitsgespräche im Kreishaus Kleve",
            "Робочі зустрічі в адміністрації району Клеве",
            "Working meetings at the Kreishaus Kleve",
        ),
    ),
)

PARTNERSHIP_FACTS = Text(
    "<h2>Die Partnerschaft in Kürze</h2>"
    "<ul><li>Beschluss des Kreistags: 28. November 2024</li>"
    "<li>Unterzeichnung der Vereinbarung: 31. Januar 2025, digital</li>"
    "<li>Schwerpunkte: Austausch in Wirtschaft und Kommunalverwaltung</li>"
    "<li>Gefördert von der Servicestelle Kommunen in der Einen Welt (SKEW) im Auftrag des "
    "Bundesministeriums für wirtschaftliche Zusammenarbeit und Entwicklung (BMZ)</li></ul>",
    "<h2>Коротко про партнерство</h2>"
    "<ul><li>Рішення районної ради Клеве: 28 листопада 2024 року</li>"
    "<li>Підписання угоди: 31 січня 2025 року, у цифровому форматі</li>"
    "<li>Пріоритети: обмін досвідом в економіці та місцевому самоврядуванні</li>"
    "<li>Фінансова підтримка: Сервісна служба «Комуни в Єдиному світі» (SKEW) за дорученням Федерального "
    "міністерства економічного співробітництва та розвитку Німеччини (BMZ)</li></ul>",
    "<h2>The partnership at a glance</h2>"
    "<ul><li>County council resolution: 28 November 2024</li>"
    "<li>Agreement signed: 31 January 2025, digitally</li>"
    "<li>Focus: exchange in business and municipal administration</li>"
    "<li>Funded by the Service Agency Communities in One World (SKEW) on behalf of the Federal Ministry for "
    "Economic Cooperation and Development (BMZ)</li></ul>",
)


def _joined(*parts: Text) -> Text:
    return Text("".join(p.de for p in parts), "".join(p.uk for p in parts), "".join(p.en for p in parts))


PAGES = (
    PageSpec(
        slug="festakt-50-jahre-kreis-kleve",
        status=PageStatus.PUBLISHED,
        publish_at=at(20, "19:30"),
        programme_item="ceremony",
        hero="stage",
        gallery=("stage", "table"),
        title=Text(
            "Gäste aus Podilsk beim Festakt „50 Jahre Kreis Kleve“",
            "Гості з Подільського району на урочистостях «50 років району Клеве»",
            "Guests from Podilsk at the “50 Years of Kreis Kleve” ceremony",
        ),
        summary=Text(
            "Zum 50-jährigen Bestehen des Kreises sprach im Berufskolleg Kleve auch die Delegation aus der "
            "ukrainischen Partnerregion.",
            "На урочистостях з нагоди 50-річчя району у професійному коледжі Клеве виступила й делегація з "
            "українського регіону-партнера.",
            "At the county's 50th anniversary ceremony at the Berufskolleg Kleve, the delegation from the "
            "Ukrainian partner region spoke too.",
        ),
        body=_joined(
            Text(
                "<p>Mit einem Festakt im Berufskolleg Kleve hat der Kreis Kleve am 20. November 2025 sein "
                "50-jähriges Bestehen gefeiert. Unter den Gästen war zum ersten Mal eine Delegation aus dem "
                "Rajon Podilsk, der ukrainischen Partnerregion des Kreises.</p>"
                "<p>Andrii Zrazkovyi, Erster stellvertretender Vorsitzender des Bezirksrats Podilsk, dankte "
                "in seinem Grußwort den Menschen im Kreis für ihre Solidarität seit Beginn des Krieges und "
                "lud sie ein, den Rajon Podilsk kennenzulernen, sobald es die Lage erlaubt.</p>",
                "<p>20 листопада 2025 року район Клеве відзначив своє 50-річчя урочистостями у професійному "
                "коледжі Клеве. Серед гостей уперше була делегація з Подільського району – українського "
                "регіону-партнера району Клеве.</p>"
                "<p>Андрій Зразковий, перший заступник голови Подільської районної ради, у своєму "
                "вітальному слові подякував мешканцям району за солідарність від початку війни та запросив "
                "їх відвідати Подільський район, щойно це дозволить ситуація.</p>",
                "<p>On 20 November 2025, Kreis Kleve marked its 50th anniversary with a ceremony at the "
                "Berufskolleg Kleve. Among the guests, for the first time, was a delegation from Podilsk "
                "Raion, the county's Ukrainian partner region.</p>"
                "<p>In his address, Andrii Zrazkovyi, First Deputy Chair of Podilsk District Council, "
                "thanked the people of the county for their solidarity since the war began and invited them "
                "to get to know Podilsk Raion as soon as the situation allows.</p>",
            ),
            PARTNERSHIP_FACTS,
            Text(
                "<p>Das Berufskolleg Kleve ist eine Schule in Trägerschaft des Kreises. Schülerinnen und "
                "Schüler gestalteten die Musik des Abends.</p>",
                "<p>Професійний коледж Клеве – навчальний заклад, засновником якого є район. Музичну "
                "програму вечора підготували учні коледжу.</p>",
                "<p>The Berufskolleg Kleve is a vocational college run by the county. Its students provided "
                "the music for the evening.</p>",
            ),
        ),
    ),
    PageSpec(
        slug="buergerwindpark-kalkar-podilsk",
        status=PageStatus.PUBLISHED,
        publish_at=at(18, "18:00"),
        programme_item="visit-windpark",
        hero="wind",
        gallery=("wind",),
        title=Text(
            "Windkraft in Bürgerhand: Delegation aus Podilsk in Kalkar",
            "Вітроенергетика в руках громади: делегація з Подільського району в Калькарі",
            "Wind power in local hands: the Podilsk delegation in Kalkar",
        ),
        summary=Text(
            "Im Bürgerwindpark Kalkarer Feld erfuhren die Gäste, wie Menschen vor Ort an der Energiewende "
            "teilhaben.",
            "У громадському вітропарку «Kalkarer Feld» гості дізналися, як місцеві жителі беруть участь в "
            "енергетичному переході.",
            "At the Kalkarer Feld community wind farm, the guests learnt how local people share in the "
            "energy transition.",
        ),
        body=Text(
            "<p>Am 18. November 2025 besuchte die Delegation aus dem Rajon Podilsk gemeinsam mit der "
            "Wirtschaftsförderungsgesellschaft Kreis Kleve den Bürgerwindpark Kalkarer Feld. Die sechs "
            "Anlagen gehören rund 400 Menschen aus der Umgebung.</p>"
            "<p>Die Betreiber erklärten, wie der Park finanziert wurde, wie die Anteile vergeben werden und "
            "wie die Gemeinde an den Erträgen teilhat. Die Gäste wollten vor allem wissen, ob sich das "
            "Modell auf Solaranlagen in ihrem Rajon übertragen lässt.</p>"
            "<h2>Energie als Thema der Partnerschaft</h2>"
            "<p>Unternehmen und Verwaltungen beider Regionen tauschen sich zu fünf Themen aus:</p>"
            "<ul><li>Energieversorgung</li><li>Erneuerbare Energien</li><li>Wasserstoff</li>"
            "<li>Nachhaltige Landnutzungssysteme</li>"
            "<li>Wissensmanagement in der Kommunalverwaltung</li></ul>",
            "<p>18 листопада 2025 року делегація Подільського району разом з агенцією економічного розвитку "
            "району Клеве відвідала громадський вітропарк «Kalkarer Feld». Шість його установок належать "
            "близько 400 місцевим жителям.</p>"
            "<p>Оператори розповіли, як фінансували вітропарк, як розподіляють частки та як громада отримує "
            "частину прибутку. Гостей насамперед цікавило, чи можна застосувати таку модель до сонячних "
            "електростанцій у їхньому районі.</p>"
            "<h2>Енергетика як тема партнерства</h2>"
            "<p>Підприємства та адміністрації обох регіонів обмінюються досвідом за п'ятьма темами:</p>"
            "<ul><li>Енергопостачання</li><li>Відновлювана енергетика</li><li>Водень</li>"
            "<li>Системи сталого землекористування</li>"
            "<li>Управління знаннями в місцевому самоврядуванні</li></ul>",
            "<p>On 18 November 2025, the delegation from Podilsk Raion and Kreis Kleve's economic "
            "development agency visited the Kalkarer Feld community wind farm. Its six turbines belong to "
            "some 400 people from the area.</p>"
            "<p>The operators explained how the wind farm was financed, how shares are allocated and how "
            "the municipality shares in the income. Above all, the guests wanted to know whether the model "
            "could work for solar parks in their raion.</p>"
            "<h2>Energy as a theme of the partnership</h2>"
            "<p>Businesses and administrations of both regions exchange experience on five topics:</p>"
            "<ul><li>Energy supply</li><li>Renewable energy</li><li>Hydrogen</li>"
            "<li>Sustainable land use systems</li>"
            "<li>Knowledge management in municipal administration</li></ul>",
        ),
    ),
    PageSpec(
        slug="bilanz-besuch-podilsk-2025",
        status=PageStatus.SCHEDULED,
        publish_after=dt.timedelta(days=7),
        hero="table",
        gallery=("stage", "wind"),
        title=Text(
            "Eine Woche Partnerschaft: Bilanz des Besuchs aus Podilsk",
            "Тиждень партнерства: підсумки візиту делегації з Подільського району",
            "A week of partnership: looking back on the visit from Podilsk",
        ),
        summary=Text(
            "Unternehmensbesuche, Fachgespräche und ein Festakt: Was der erste Besuch aus dem Rajon Podilsk "
            "gebracht hat und wie es weitergeht.",
            "Візити на підприємства, фахові зустрічі та урочистості: що дав перший візит делегації з "
            "Подільського району і якими будуть наступні кроки.",
            "Company visits, expert talks and a ceremony: what the first visit from Podilsk Raion achieved "
            "and what comes next.",
        ),
        body=_joined(
            Text(
                "<p>Eine Woche lang war eine vierköpfige Delegation aus dem Rajon Podilsk im Kreis Kleve zu "
                "Gast. Es war die erste persönliche Begegnung, seit beide Seiten ihre Partnerschaft Anfang "
                "2025 digital besiegelt haben.</p>"
                "<h2>Was vereinbart wurde</h2>"
                "<ul>"
                "<li>Die Fachleute für Energieeffizienz beider Verwaltungen treffen sich künftig regelmäßig "
                "online.</li>"
                "<li>Die Wirtschaftsförderung stellt Kontakte zu Unternehmen für Wasserstoff und "
                "nachhaltige Landnutzung her, die diesmal nicht besucht werden konnten.</li>"
                "<li>Ob und wann ein Gegenbesuch im Rajon Podilsk möglich ist, prüfen beide Seiten "
                "gemeinsam.</li></ul>",
                "<p>Упродовж тижня район Клеве приймав делегацію Подільського району у складі чотирьох "
                "осіб. Це була перша особиста зустріч відтоді, як на початку 2025 року сторони скріпили "
                "партнерство підписами в цифровому форматі.</p>"
                "<h2>Про що домовилися</h2>"
                "<ul>"
                "<li>Фахівці з енергоефективності обох адміністрацій регулярно зустрічатимуться онлайн.</li>"
                "<li>Агенція економічного розвитку налагодить контакти з підприємствами у сферах водню та "
                "сталого землекористування, які цього разу не вдалося відвідати.</li>"
                "<li>Чи можливий зворотний візит до Подільського району і коли саме, сторони вирішать "
                "разом.</li></ul>",
                "<p>For a week, a delegation of four from Podilsk Raion were guests of Kreis Kleve. It was "
                "the first meeting in person since both sides sealed their partnership digitally in early "
                "2025.</p>"
                "<h2>What was agreed</h2>"
                "<ul>"
                "<li>The energy efficiency experts of both administrations will meet online at regular "
                "intervals.</li>"
                "<li>The economic development agency will put the guests in touch with companies working on "
                "hydrogen and sustainable land use that could not be visited this time.</li>"
                "<li>Both sides will consider together whether and when a return visit to Podilsk Raion is "
                "possible.</li></ul>",
            ),
            PARTNERSHIP_FACTS,
        ),
    ),
    PageSpec(
        slug="empfang-im-kreishaus-podilsk",
        status=PageStatus.DRAFT,
        programme_item="press-call",
        hero="table",
        title=Text(
            "Landrat empfängt Delegation aus dem Rajon Podilsk",
            "Ландрат приймає делегацію з Подільського району",
            "The Landrat welcomes the delegation from Podilsk Raion",
        ),
        summary=Text(
            "Zum Auftakt des Besuchs begrüßte der Landrat die Gäste aus der ukrainischen Partnerregion im "
            "Kreishaus.",
            "На початку візиту ландрат привітав гостей з українського регіону-партнера в адміністрації "
            "району.",
            "At the start of the visit, the Landrat welcomed the guests from the Ukrainian partner region "
            "at the Kreishaus.",
        ),
        body=Text(
            "<p>Am 17. November 2025 empfing der Landrat die Delegation aus dem Rajon Podilsk im Kreishaus "
            "Kleve. Beide Seiten stellten ihre Regionen vor; anschließend trugen sich die Gäste in das "
            "Goldene Buch des Kreises ein.</p>"
            "<p>Zitat des Landrats: wird nach Freigabe ergänzt.</p>",
            "<p>17 листопада 2025 року ландрат прийняв делегацію Подільського району в адміністративній "
            "будівлі району Клеве. Сторони представили свої регіони, після чого гості зробили запис у "
            "Золотій книзі району.</p>"
            "<p>Цитату ландрата буде додано після погодження.</p>",
            "<p>On 17 November 2025, the Landrat welcomed the delegation from Podilsk Raion at the "
            "Kreishaus Kleve. Both sides presented their regions, and the guests then signed the county's "
            "Golden Book.</p>"
            "<p>Quote from the Landrat: to be added once approved.</p>",
        ),
    ),
)
