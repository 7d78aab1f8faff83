"""The travelling group of the demo: the delegation from Rajon Podilsk and its four (invented) members."""

import datetime as dt

from delegations.enums import Language, PhotoConsent, TravelMode

from .vocabulary import DelegationSpec, Journey, MemberSpec, Text, at

DELEGATION = DelegationSpec(
    slug="podilsk-2025",
    title=Text(
        "Delegation aus dem Rajon Podilsk, November 2025",
        "Делегація Подільського району, листопад 2025",
        "Delegation from Podilsk Raion, November 2025",
    ),
    summary=Text(
        "Vier Vertreterinnen und Vertreter des Rajons Podilsk aus der Region Odesa besuchen vom 16. bis 22. "
        "November 2025 den Kreis Kleve: die erste persönliche Begegnung der Solidaritätspartnerschaft. Auf "
        "dem Programm stehen Unternehmensbesuche zu Energie und Klimaschutz, der Erfahrungsaustausch "
        "zwischen den Verwaltungen und der Festakt zum 50-jährigen Bestehen des Kreises.",
        "З 16 по 22 листопада 2025 року четверо представників Подільського району Одеської області "
        "відвідують район Клеве – це перша особиста зустріч у межах партнерства солідарності. У програмі – "
        "візити на підприємства у сферах енергетики та захисту клімату, обмін досвідом між адміністраціями "
        "та урочистості з нагоди 50-річчя району.",
        "From 16 to 22 November 2025, four representatives of Podilsk Raion in the Odesa region visit Kreis "
        "Kleve: the first meeting in person of the solidarity partnership. The programme brings company "
        "visits on energy and climate, an exchange of experience between the two administrations and the "
        "ceremony marking the county's 50th anniversary.",
    ),
    home_organisation="podilsk",
    host_contact="musterfeld",
    arrival_date=dt.date(2025, 11, 16),
    departure_date=dt.date(2025, 11, 22),
)

# Three members fly via Munich to Düsseldorf; the fourth comes by train from a conference in Cologne.
FLIGHT_IN = Journey(at(16, "14:35"), TravelMode.FLIGHT, "LH 2010")
FLIGHT_OUT = Journey(at(22, "12:45"), TravelMode.FLIGHT, "LH 2011")

# The names are invented and mean what they say: zrazok is a sample, pryklad an example, vyhadka a fiction,
# uiavna imaginary.
MEMBERS = (
    MemberSpec(
        key="zrazkovyi",
        first_name="Andrii",
        last_name="Zrazkovyi",
        first_name_original="Андрій",
        last_name_original="Зразковий",
        function=Text(
            "Erster stellvertretender Vorsitzender des Bezirksrats Podilsk",
            "Перший заступник голови Подільської районної ради",
            "First Deputy Chair of Podilsk District Council",
        ),
        preferred_language=Language.UKRAINIAN,
        languages_spoken="uk",
        needs_interpreter=True,
        email="a.zrazkovyi@podilsk-rada.example",
        phone="+380 67 555 0101",
        arrival=FLIGHT_IN,
        departure=FLIGHT_OUT,
        room="204",
        photo_consent=PhotoConsent.GIVEN,
        dietary_needs="kein Schweinefleisch",
        is_head=True,
        is_public_figure=True,
    ),
    MemberSpec(
        key="prykladenko",
        first_name="Oksana",
        last_name="Prykladenko",
        first_name_original="Оксана",
        last_name_original="Прикладенко",
        function=Text(
            "Leiterin der Abteilung Wirtschaftsentwicklung und Investitionen der Bezirksverwaltung",
            "Начальниця відділу економічного розвитку та інвестицій районної державної адміністрації",
            "Head of Economic Development and Investment, District Administration",
        ),
        preferred_language=Language.ENGLISH,
        languages_spoken="uk, en",
        needs_interpreter=False,
        email="o.prykladenko@podilsk-rda.example",
        phone="+380 50 555 0202",
        arrival=Journey(at(16, "18:47"), TravelMode.TRAIN, "RE 10"),
        departure=Journey(at(22, "09:14"), TravelMode.TRAIN, "RE 10"),
        room="205",
        photo_consent=PhotoConsent.GIVEN,
        dietary_needs="vegetarisch",
    ),
    MemberSpec(
        key="vyhadko",
        first_name="Serhii",
        last_name="Vyhadko",
        first_name_original="Сергій",
        last_name_original="Вигадко",
        function=Text(
            "Fachreferent für Energieeffizienz und kommunale Infrastruktur",
            "Головний спеціаліст з енергоефективності та комунальної інфраструктури",
            "Senior specialist for energy efficiency and municipal infrastructure",
        ),
        preferred_language=Language.UKRAINIAN,
        # Talks shop in English; the interpreter is there for the programme of the whole group anyway.
        languages_spoken="uk, en",
        needs_interpreter=False,
        email="s.vyhadko@podilsk-rada.example",
        phone="+380 63 555 0303",
        arrival=FLIGHT_IN,
        departure=FLIGHT_OUT,
        room="207",
        photo_consent=PhotoConsent.GIVEN,
        dietary_needs="laktosefrei",
    ),
    MemberSpec(
        key="uiavna",
        first_name="Nataliia",
        last_name="Uiavna",
        first_name_original="Наталія",
        last_name_original="Уявна",
        function=Text(
            "Beraterin des Bezirksrats für internationale Zusammenarbeit",
            "Радниця районної ради з питань міжнародної співпраці",
            "Adviser on international cooperation to the District Council",
        ),
        preferred_language=Language.UKRAINIAN,
        languages_spoken="uk, en, de",
        needs_interpreter=True,
        email="n.uiavna@podilsk-rada.example",
        phone="+380 96 555 0404",
        arrival=FLIGHT_IN,
        departure=FLIGHT_OUT,
        room="311",
        photo_consent=PhotoConsent.REFUSED,
        accessibility_needs="Treppen nur langsam möglich: bitte Aufzug oder ebenerdige Wege einplanen.",
    ),
)
