"""The demo's framework: five topics, the solidarity partnership, the organisations and the host contacts."""

import datetime as dt

from delegations.enums import ContactRole, InterpretingMode, LanguagePair, OrganisationKind

from .vocabulary import ContactSpec, OrganisationSpec, PartnershipSpec, Text, TopicSpec

TOPICS = (
    TopicSpec(
        key="energy-supply",
        name=Text("Energieversorgung", "Енергопостачання", "Energy supply"),
        description=Text(
            "Strom- und Wärmenetze, Versorgungssicherheit und Notstrom für kommunale Einrichtungen.",
            "Електричні й теплові мережі, надійність постачання та резервне живлення для комунальних "
            "закладів.",
            "Power and heating grids, security of supply and back-up power for public facilities.",
        ),
    ),
    TopicSpec(
        key="renewables",
        name=Text("Erneuerbare Energien", "Відновлювана енергетика", "Renewable energy"),
        description=Text(
            "Wind- und Sonnenenergie, Bürgerbeteiligung und Genehmigungsverfahren.",
            "Енергія вітру та сонця, участь громади та дозвільні процедури.",
            "Wind and solar power, community ownership and permitting.",
        ),
    ),
    TopicSpec(
        key="hydrogen",
        name=Text("Wasserstoff", "Водень", "Hydrogen"),
        description=Text(
            "Erzeugung von grünem Wasserstoff durch Elektrolyse und seine Nutzung in Industrie und Verkehr.",
            "Виробництво зеленого водню електролізом і його використання в промисловості та на транспорті.",
            "Producing green hydrogen by electrolysis and using it in industry and transport.",
        ),
    ),
    TopicSpec(
        key="land-use",
        name=Text(
            "Nachhaltige Landnutzungssysteme",
            "Системи сталого землекористування",
            "Sustainable land use systems",
        ),
        description=Text(
            "Agroforst, Humusaufbau und Wasserrückhalt in der Landwirtschaft.",
            "Агролісівництво, відновлення гумусу та затримання води в сільському господарстві.",
            "Agroforestry, building up soil humus and keeping water on farmland.",
        ),
    ),
    TopicSpec(
        key="knowledge-management",
        name=Text(
            "Wissensmanagement in der Kommunalverwaltung",
            "Управління знаннями в місцевому самоврядуванні",
            "Knowledge management in municipal administration",
        ),
        description=Text(
            "Wie eine Verwaltung Erfahrung sichert und weitergibt: Übergaben, Wissenslandkarten, Wikis.",
            "Як адміністрація зберігає й передає досвід: передача справ, карти знань, вікі.",
            "How an administration keeps and passes on experience: handovers, knowledge maps, wikis.",
        ),
    ),
)

PARTNERSHIP = PartnershipSpec(
    name=Text(
        "Solidaritätspartnerschaft Kreis Kleve – Rajon Podilsk",
        "Партнерство солідарності район Клеве – Подільський район",
        "Solidarity partnership Kreis Kleve – Podilsk Raion",
    ),
    partner_region="Rajon Podilsk (Oblast Odesa)",
    partner_country="UA",
    council_resolution_on=dt.date(2024, 11, 28),
    signed_on=dt.date(2025, 1, 31),
    focus_areas=Text(
        "Austausch von Wissen und Erfahrung in Wirtschaft und Kommunalverwaltung.",
        "Обмін знаннями та досвідом у сфері економіки та місцевого самоврядування.",
        "Sharing knowledge and experience in business and municipal administration.",
    ),
    description=Text(
        "Der Kreistag hat die Partnerschaft mit dem Rajon Podilsk im Süden der Ukraine am 28. November 2024 "
        "beschlossen; die Vereinbarung wurde am 31. Januar 2025 digital unterzeichnet. Beide Seiten wollen "
        "voneinander lernen: in der Wirtschaft ebenso wie in der täglichen Arbeit der Verwaltungen.",
        "Районна рада Клеве ухвалила рішення про партнерство з Подільським районом на півдні України 28 "
        "листопада 2024 року; угоду підписали в цифровому форматі 31 січня 2025 року. Обидві сторони "
        "прагнуть учитися одна в одної – як в економіці, так і в повсякденній роботі адміністрацій.",
        "The county council resolved on the partnership with Podilsk Raion in southern Ukraine on 28 "
        "November 2024; the agreement was signed digitally on 31 January 2025. Both sides want to learn "
        "from each other, in business as much as in the daily work of their administrations.",
    ),
    funding_programme="Servicestelle Kommunen in der Einen Welt (SKEW) – Partnerschaften mit der Ukraine",
    funder="Bundesministerium für wirtschaftliche Zusammenarbeit und Entwicklung (BMZ)",
    topics=("energy-supply", "renewables", "hydrogen", "land-use", "knowledge-management"),
)

ORGANISATIONS = (
    OrganisationSpec(
        key="kreis-kleve",
        name="Kreis Kleve",
        kind=OrganisationKind.AUTHORITY,
        street="Nassauerallee 15",
        postcode="47533",
        city="Kleve",
        latitude="51.785100",
        longitude="6.130400",
        profile=Text(
            "Der Kreis am unteren Niederrhein mit 16 Städten und Gemeinden an der Grenze zu den "
            "Niederlanden; die Stabsstelle Internationale Partnerschaften betreut die Partnerschaft mit dem "
            "Rajon Podilsk.",
            "Район у нижній течії Рейну з 16 містами та громадами на кордоні з Нідерландами; відділ "
            "міжнародних партнерств опікується партнерством із Подільським районом.",
            "The county on the Lower Rhine, with 16 towns and municipalities on the Dutch border; its "
            "International Partnerships Office looks after the partnership with Podilsk Raion.",
        ),
    ),
    OrganisationSpec(
        key="wfg",
        name="Wirtschaftsförderungsgesellschaft Kreis Kleve mbH",
        kind=OrganisationKind.AUTHORITY,
        street="Hoffmannallee 55",
        postcode="47533",
        city="Kleve",
        latitude="51.780900",
        longitude="6.142800",
        profile=Text(
            "Die Wirtschaftsförderung des Kreises: Beratung für Unternehmen, Gewerbeflächen, Fördermittel "
            "und Kontakte ins Ausland.",
            "Агенція економічного розвитку району: консультації для підприємств, промислові площі, грантові "
            "програми та міжнародні контакти.",
            "The county's economic development agency: advice for businesses, commercial sites, funding and "
            "contacts abroad.",
        ),
    ),
    OrganisationSpec(
        key="berufskolleg",
        name="Berufskolleg Kleve",
        kind=OrganisationKind.SCHOOL,
        street="Felix-Roeloffs-Straße 7",
        postcode="47533",
        city="Kleve",
        latitude="51.779600",
        longitude="6.127500",
        profile=Text(
            "Berufsbildende Schule in Trägerschaft des Kreises Kleve.",
            "Професійний навчальний заклад, засновником якого є район Клеве.",
            "A vocational college run by Kreis Kleve.",
        ),
    ),
    OrganisationSpec(
        key="stadt-goch",
        name="Stadt Goch",
        kind=OrganisationKind.AUTHORITY,
        street="Markt 2",
        postcode="47574",
        city="Goch",
        latitude="51.683900",
        longitude="6.161900",
    ),
    OrganisationSpec(
        key="podilsk",
        name="Podilsker Bezirksrat (Podilska raionna rada)",
        kind=OrganisationKind.AUTHORITY,
        country="UA",
        street="",
        postcode="66300",
        city="Podilsk",
        latitude="47.748600",
        longitude="29.532600",
        profile=Text(
            "Die gewählte Vertretung des Rajons Podilsk in der Oblast Odesa, im Süden der Ukraine an der "
            "Grenze zur Republik Moldau.",
            "Представницький орган Подільського району Одеської області на півдні України, на кордоні з "
            "Республікою Молдова.",
            "The elected council of Podilsk Raion in Odesa Oblast, in southern Ukraine on the border with "
            "the Republic of Moldova.",
        ),
    ),
    OrganisationSpec(
        key="schwanenland",
        name="Schwanenland Energie GmbH",
        kind=OrganisationKind.COMPANY,
        street="Weberstraße 18",
        postcode="47574",
        city="Goch",
        latitude="51.690500",
        longitude="6.154000",
        website="https://schwanenland-energie.example",
        profile=Text(
            "Regionaler Versorger für Strom, Gas und Fernwärme mit eigenem Netz und Blockheizkraftwerken "
            "(fiktives Unternehmen).",
            "Регіональний постачальник електроенергії, газу й тепла з власною мережею та когенераційними "
            "установками (вигадана компанія).",
            "Regional supplier of electricity, gas and district heating with its own grid and combined heat "
            "and power plants (a fictional company).",
        ),
        topics=("energy-supply",),
    ),
    OrganisationSpec(
        key="windpark",
        name="Bürgerwindpark Kalkarer Feld GmbH & Co. KG",
        kind=OrganisationKind.COMPANY,
        street="Am Windpark 3",
        postcode="47546",
        city="Kalkar",
        latitude="51.726000",
        longitude="6.305000",
        website="https://kalkarer-feld.example",
        profile=Text(
            "Sechs Windenergieanlagen im Besitz von rund 400 Bürgerinnen und Bürgern aus der Umgebung "
            "(fiktives Unternehmen).",
            "Шість вітрових установок, якими володіють близько 400 місцевих жителів (вигадана компанія).",
            "Six wind turbines owned by some 400 local residents (a fictional company).",
        ),
        topics=("renewables",),
    ),
    OrganisationSpec(
        key="rheinhafen-h2",
        name="Rheinhafen Wasserstoff GmbH",
        kind=OrganisationKind.COMPANY,
        street="Hafenstraße 30",
        postcode="46446",
        city="Emmerich am Rhein",
        latitude="51.830000",
        longitude="6.256000",
        website="https://rheinhafen-h2.example",
        profile=Text(
            "Betreibt einen Elektrolyseur am Hafen und beliefert Logistikbetriebe mit grünem Wasserstoff "
            "(fiktives Unternehmen).",
            "Експлуатує електролізер у порту та постачає зелений водень логістичним компаніям (вигадана "
            "компанія).",
            "Runs an electrolyser at the harbour and supplies logistics firms with green hydrogen (a "
            "fictional company).",
        ),
        topics=("hydrogen",),
    ),
    OrganisationSpec(
        key="niersaue",
        name="Hof Niersaue Agroforst GbR",
        kind=OrganisationKind.COMPANY,
        street="Walbecker Straße 211",
        postcode="47608",
        city="Geldern",
        latitude="51.506000",
        longitude="6.304000",
        website="https://hof-niersaue.example",
        profile=Text(
            "Familienbetrieb, der Baumreihen und Ackerbau auf denselben Flächen verbindet (fiktives "
            "Unternehmen).",
            "Сімейне господарство, що поєднує лісосмуги та рільництво на тих самих полях (вигадане "
            "підприємство).",
            "A family farm that combines rows of trees and arable crops on the same fields (a fictional "
            "company).",
        ),
        topics=("land-use",),
    ),
    OrganisationSpec(
        key="wissenswerk",
        name="Wissenswerk Kommunal GmbH",
        kind=OrganisationKind.COMPANY,
        street="Hoogeweg 71",
        postcode="47623",
        city="Kevelaer",
        latitude="51.582000",
        longitude="6.240000",
        website="https://wissenswerk-kommunal.example",
        profile=Text(
            "Berät Städte und Kreise beim Sichern und Teilen von Verwaltungswissen (fiktives Unternehmen).",
            "Консультує міста й райони щодо збереження та поширення управлінських знань (вигадана компанія).",
            "Advises towns and counties on keeping and sharing administrative know-how "
            "(a fictional company).",
        ),
        topics=("knowledge-management",),
    ),
)

# Every person here is invented; the county head appears only by his title, never as a contact.
CONTACTS = (
    ContactSpec(
        key="musterfeld",
        first_name="Johanna",
        last_name="Musterfeld",
        role=ContactRole.HOST,
        function=Text(
            "Leiterin der Stabsstelle Internationale Partnerschaften",
            "Керівниця відділу міжнародних партнерств",
            "Head of the International Partnerships Office",
        ),
        organisation="kreis-kleve",
        phone="+49 2821 5550101",
        email="j.musterfeld@kreis-kleve.example",
        languages="de, en",
    ),
    ContactSpec(
        key="probemann",
        first_name="Stefan",
        last_name="Probemann",
        role=ContactRole.HOST,
        function=Text(
            "Projektleiter Internationale Wirtschaftskontakte",
            "Керівник проєктів з міжнародних економічних зв'язків",
            "Project manager for international business contacts",
        ),
        organisation="wfg",
        phone="+49 2821 5550202",
        email="s.probemann@wfg-kreis-kleve.example",
        languages="de, en",
    ),
    ContactSpec(
        key="perekladach",
        first_name="Iryna",
        last_name="Perekladach",
        role=ContactRole.INTERPRETER,
        function=Text(
            "Dolmetscherin für Ukrainisch und Deutsch",
            "Перекладачка з української та німецької мов",
            "Ukrainian–German interpreter",
        ),
        organisation=None,
        phone="+49 151 55500303",
        email="iryna.perekladach@dolmetschen.example",
        languages="uk, de, en",
        interpreting_languages=(LanguagePair.GERMAN_UKRAINIAN, LanguagePair.GERMAN_ENGLISH),
        interpreting_mode=InterpretingMode.CONSECUTIVE,
    ),
    ContactSpec(
        key="lenkrad",
        first_name="Dieter",
        last_name="Lenkrad",
        role=ContactRole.DRIVER,
        function=Text("Fahrer der Kreisverwaltung", "Водій адміністрації району", "Driver of the county"),
        organisation="kreis-kleve",
        phone="+49 151 55500404",
        languages="de",
    ),
    ContactSpec(
        key="leitner",
        first_name="Sabine",
        last_name="Leitner",
        role=ContactRole.COMPANY_CONTACT,
        function=Text("Leiterin Netzplanung", "Керівниця планування мереж", "Head of grid planning"),
        organisation="schwanenland",
        phone="+49 2823 5550501",
        email="s.leitner@schwanenland-energie.example",
        languages="de, en",
    ),
    ContactSpec(
        key="windmann",
        first_name="Jan",
        last_name="Windmann",
        role=ContactRole.COMPANY_CONTACT,
        function=Text("Geschäftsführer", "Керуючий директор", "Managing director"),
        organisation="windpark",
        phone="+49 2824 5550601",
        email="j.windmann@kalkarer-feld.example",
        languages="de, en, nl",
    ),
    ContactSpec(
        key="zelle",
        first_name="Meike",
        last_name="Zelle",
        role=ContactRole.COMPANY_CONTACT,
        function=Text(
            "Projektleiterin Elektrolyse", "Керівниця проєкту з електролізу", "Project lead, electrolysis"
        ),
        organisation="rheinhafen-h2",
        phone="+49 2822 5550701",
        email="m.zelle@rheinhafen-h2.example",
        languages="de, en",
    ),
    ContactSpec(
        key="ackermann",
        first_name="Bernd",
        last_name="Ackermann",
        role=ContactRole.COMPANY_CONTACT,
        function=Text("Landwirt und Mitinhaber", "Фермер і співвласник", "Farmer and co-owner"),
        organisation="niersaue",
        phone="+49 2831 5550801",
        email="b.ackermann@hof-niersaue.example",
        languages="de",
    ),
    ContactSpec(
        key="wissmann",
        first_name="Claudia",
        last_name="Wissmann",
        role=ContactRole.COMPANY_CONTACT,
        function=Text(
            "Beraterin für Wissensmanagement",
            "Консультантка з управління знаннями",
            "Knowledge management consultant",
        ),
        organisation="wissenswerk",
        phone="+49 2832 5550901",
        email="c.wissmann@wissenswerk-kommunal.example",
        languages="de, en",
    ),
)
