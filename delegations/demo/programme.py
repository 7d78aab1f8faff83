"""The demo visit's programme, 16 to 22 November 2025, and the five company appointments behind it."""

from visits.enums import AppointmentStatus, ItemKind, ItemStatus, PressAccess, Visibility

from .vocabulary import AppointmentSpec, ItemSpec, Text

FLYERS = ("zrazkovyi", "vyhadko", "uiavna")

CASUAL = Text("leger", "повсякденний одяг", "casual")
BUSINESS = Text("Geschäftskleidung", "діловий стиль", "business attire")
FESTIVE = Text(
    "festlich: dunkler Anzug oder Kostüm",
    "святковий: темний костюм",
    "formal: dark suit or dress",
)
OUTDOOR = Text(
    "feste Schuhe und eine warme, wetterfeste Jacke",
    "зручне закрите взуття та тепла куртка від негоди",
    "sturdy shoes and a warm, weatherproof jacket",
)
MINIBUS_FROM_HOTEL = Text(
    "Kleinbus des Kreises, Abfahrt am Hotel.",
    "Мікроавтобус адміністрації району, відправлення від готелю.",
    "County minibus, leaving from the hotel.",
)

ITEMS = (
    # Sunday, 16 November: arrival
    ItemSpec(
        key="preparation",
        day=16,
        start="12:30",
        end="14:00",
        kind=ItemKind.MEETING,
        title=Text(
            "Vorbereitung: Willkommensmappen packen, Kleinbus übernehmen",
            "Підготовка: пакети для гостей і мікроавтобус",
            "Preparation: welcome packs and minibus",
        ),
        venue="kreishaus",
        hosts=("musterfeld", "lenkrad"),
        visibility=Visibility.INTERNAL,
        internal_notes="Mappen mit Programm auf Ukrainisch und Englisch, Stadtplan, Notfallnummern, "
        "Prepaid-SIM-Karten. Schild „Kreis Kleve“ für die Ankunftshalle nicht vergessen.",
    ),
    ItemSpec(
        key="airport-pickup",
        day=16,
        start="14:35",
        end="16:15",
        kind=ItemKind.TRANSFER,
        title=Text(
            "Abholung am Flughafen Düsseldorf und Fahrt nach Kleve",
            "Зустріч в аеропорту Дюссельдорфа і трансфер до Клеве",
            "Pick-up at Düsseldorf Airport and transfer to Kleve",
        ),
        venue="airport",
        participants=FLYERS,
        hosts=("lenkrad", "musterfeld"),
        description=Text(
            "Willkommen am Niederrhein! Nach der Gepäckausgabe geht es direkt nach Kleve.",
            "Ласкаво просимо на Нижній Рейн! Після отримання багажу їдемо просто до Клеве.",
            "Welcome to the Lower Rhine! Once you have your luggage, we drive straight to Kleve.",
        ),
        transport_note=Text(
            "Herr Lenkrad wartet in der Ankunftshalle mit einem Schild „Kreis Kleve“. Fahrt im Kleinbus, "
            "etwa 80 Minuten.",
            "Пан Ленкрад чекатиме в залі прильоту з табличкою «Kreis Kleve». Поїздка мікроавтобусом триває "
            "близько 80 хвилин.",
            "Mr Lenkrad waits in the arrivals hall with a “Kreis Kleve” sign. The minibus ride takes about "
            "80 minutes.",
        ),
    ),
    ItemSpec(
        key="check-in",
        day=16,
        start="16:30",
        end="18:30",
        kind=ItemKind.FREE_TIME,
        title=Text(
            "Check-in im Hotel und Zeit zum Ankommen",
            "Поселення в готелі та відпочинок з дороги",
            "Hotel check-in and time to settle in",
        ),
        venue="hotel",
        participants=FLYERS,
        description=Text(
            "Die Zimmer sind reserviert; an der Rezeption liegen Ihre Willkommensmappen bereit.",
            "Номери заброньовано; на рецепції на вас чекають пакети з матеріалами.",
            "Your rooms are booked; your welcome packs are waiting at reception.",
        ),
    ),
    ItemSpec(
        key="station-pickup",
        day=16,
        start="18:47",
        end="19:05",
        kind=ItemKind.TRANSFER,
        title=Text("Abholung am Bahnhof Kleve", "Зустріч на вокзалі Клеве", "Pick-up at Kleve station"),
        venue="station",
        participants=("prykladenko",),
        hosts=("lenkrad",),
        transport_note=Text(
            "Herr Lenkrad wartet am Bahnsteig; kurze Fahrt zum Hotel.",
            "Пан Ленкрад чекатиме на пероні; звідти недовго їхати до готелю.",
            "Mr Lenkrad waits on the platform; it is a short drive to the hotel.",
        ),
    ),
    ItemSpec(
        key="welcome-dinner",
        day=16,
        start="19:30",
        end="21:30",
        kind=ItemKind.MEAL,
        title=Text("Abendessen zum Kennenlernen", "Вечеря-знайомство", "Welcome dinner"),
        venue="niederrheinstube",
        hosts=("musterfeld", "probemann"),
        interpreted=True,
        description=Text(
            "Ein erster Abend in kleiner Runde mit dem Team für internationale Partnerschaften und der "
            "Wirtschaftsförderung. Die Küche kocht Gerichte vom Niederrhein, auch vegetarisch.",
            "Перший вечір у вузькому колі з командою відділу міжнародних партнерств та агенції економічного "
            "розвитку. У меню – страви Нижнього Рейну, є й вегетаріанські.",
            "A first evening in a small group with the partnerships team and the economic development "
            "agency. The kitchen serves Lower Rhine dishes, vegetarian ones included.",
        ),
        transport_note=Text(
            "Etwa fünf Minuten zu Fuß vom Hotel.",
            "Близько п'яти хвилин пішки від готелю.",
            "About five minutes' walk from the hotel.",
        ),
        dress_code=CASUAL,
    ),
    # Monday, 17 November: welcome and the administration
    ItemSpec(
        key="walk-to-kreishaus",
        day=17,
        start="08:40",
        end="09:00",
        kind=ItemKind.TRANSFER,
        title=Text("Fußweg zum Kreishaus", "Пішки до адміністрації району", "Walk to the Kreishaus"),
        venue="kreishaus",
        hosts=("musterfeld",),
        transport_note=Text(
            "Treffpunkt 08:40 in der Hotellobby; etwa 15 Minuten zu Fuß, bei Regen fährt der Kleinbus.",
            "Збір о 08:40 у холі готелю; близько 15 хвилин пішки, у дощ поїдемо мікроавтобусом.",
            "Meet at 08:40 in the hotel lobby; about 15 minutes on foot, the minibus runs if it rains.",
        ),
    ),
    ItemSpec(
        key="reception",
        day=17,
        start="09:00",
        end="09:45",
        kind=ItemKind.MEETING,
        title=Text(
            "Offizieller Empfang durch den Landrat",
            "Офіційний прийом у ландрата району Клеве",
            "Official welcome by the Landrat of Kreis Kleve",
        ),
        venue="kreishaus",
        hosts=("musterfeld",),
        interpreted=True,
        description=Text(
            "Der Landrat begrüßt die Delegation aus dem Rajon Podilsk im Kreishaus. Beide Seiten stellen "
            "ihre Regionen vor, danach tragen sich die Gäste in das Goldene Buch des Kreises ein.",
            "Ландрат вітає делегацію Подільського району в адміністративній будівлі району. Обидві сторони "
            "представляють свої регіони, після чого гості роблять запис у Золотій книзі району.",
            "The Landrat, head of the county, welcomes the delegation from Podilsk Raion at the Kreishaus. "
            "Both sides present their regions, then the guests sign the county's Golden Book.",
        ),
        dress_code=BUSINESS,
        visibility=Visibility.PUBLIC,
        press_access=PressAccess.PHOTO_ONLY,
    ),
    ItemSpec(
        key="golden-book",
        day=17,
        start="09:45",
        end="10:00",
        kind=ItemKind.GOLDEN_BOOK,
        title=Text(
            "Eintrag in das Goldene Buch des Kreises Kleve",
            "Запис у Золотій книзі району Клеве",
            "Signing the Golden Book of Kreis Kleve",
        ),
        venue="kreishaus",
        hosts=("musterfeld",),
        interpreted=True,
        description=Text(
            "Der Leiter der Delegation trägt sich im Namen des Rajon Podilsk in das Goldene Buch des "
            "Kreises ein; der Landrat und die Gäste unterzeichnen.",
            "Керівник делегації робить запис у Золотій книзі району Клеве від імені Подільського району; "
            "ландрат і гості підписують.",
            "The head of the delegation signs the county's Golden Book on behalf of Podilsk Raion; the "
            "Landrat and the guests sign too.",
        ),
        dress_code=BUSINESS,
        visibility=Visibility.PUBLIC,
        press_access=PressAccess.PHOTO_ONLY,
    ),
    ItemSpec(
        key="press-call",
        day=17,
        start="10:00",
        end="10:30",
        kind=ItemKind.PRESS,
        title=Text(
            "Pressetermin mit Landrat und Delegation",
            "Зустріч із пресою за участі ландрата та делегації",
            "Press call with the Landrat and the delegation",
        ),
        venue="kreishaus",
        hosts=("musterfeld",),
        interpreted=True,
        description=Text(
            "Gruppenfoto im Sitzungssaal und kurze Statements für Zeitung, Radio und Fernsehen. Die "
            "Pressestelle des Kreises begleitet den Termin.",
            "Спільне фото в залі засідань і короткі заяви для газет, радіо й телебачення. Пресслужба району "
            "супроводжує зустріч.",
            "Group photo in the council chamber and short statements for newspapers, radio and television. "
            "The county press office looks after the press.",
        ),
        dress_code=BUSINESS,
        visibility=Visibility.PUBLIC,
        press_access=PressAccess.OPEN,
        internal_notes="Frau Uiavna möchte nicht fotografiert werden: beim Gruppenfoto bitte darauf achten.",
    ),
    ItemSpec(
        key="kreis-and-rajon",
        day=17,
        start="10:45",
        end="12:30",
        kind=ItemKind.MEETING,
        title=Text(
            "Arbeitsgespräch: Aufgaben von Kreis und Rajon im Vergleich",
            "Робоча зустріч: повноваження району в Німеччині та в Україні",
            "Working meeting: what a German Kreis and a Ukrainian raion do",
        ),
        venue="kreishaus",
        hosts=("musterfeld",),
        interpreted=True,
        description=Text(
            "Wer ist wofür zuständig, und wer bezahlt es? Die Fachbereichsleitungen des Kreises und die "
            "Gäste vergleichen Aufgaben, Finanzierung und Dienste für die Bürgerinnen und Bürger: der "
            "Auftakt für den kommunalen Wissensaustausch.",
            "Хто за що відповідає і хто за це платить? Керівники профільних підрозділів району та гості "
            "порівнюють завдання, фінансування й послуги для громадян. Так розпочинається обмін досвідом у "
            "сфері місцевого самоврядування.",
            "Who is responsible for what, and who pays for it? The county's heads of department and the "
            "guests compare tasks, funding and services for residents: the start of the exchange on "
            "municipal administration.",
        ),
        dress_code=BUSINESS,
    ),
    ItemSpec(
        key="canteen-lunch",
        day=17,
        start="12:30",
        end="13:30",
        kind=ItemKind.MEAL,
        title=Text(
            "Mittagessen in der Kantine des Kreishauses",
            "Обід у їдальні адміністрації району",
            "Lunch in the Kreishaus canteen",
        ),
        venue="kreishaus",
        hosts=("musterfeld",),
        interpreted=True,
    ),
    ItemSpec(
        key="wfg-introduction",
        day=17,
        start="14:00",
        end="16:00",
        kind=ItemKind.MEETING,
        title=Text(
            "Wirtschaftsförderung im Kreis Kleve: Aufgaben und Werkzeuge",
            "Економічний розвиток району Клеве: завдання та інструменти",
            "Economic development in Kreis Kleve: tasks and tools",
        ),
        venue="wfg-office",
        hosts=("probemann",),
        interpreted=True,
        description=Text(
            "Die Wirtschaftsförderungsgesellschaft zeigt, wie sie Unternehmen berät, Gewerbeflächen "
            "vermittelt und Fördermittel erschließt. Zum Schluss ein Überblick über die Unternehmensbesuche "
            "der Woche.",
            "Агенція економічного розвитку розповідає, як вона консультує підприємства, допомагає знайти "
            "промислові площі та залучає грантові кошти. Наприкінці – огляд візитів на підприємства цього "
            "тижня.",
            "The economic development agency shows how it advises businesses, finds commercial sites and "
            "taps into funding. To close, an overview of the week's company visits.",
        ),
        transport_note=Text(
            "Kleinbus ab Kreishaus um 13:40.",
            "Мікроавтобус від адміністрації району о 13:40.",
            "Minibus from the Kreishaus at 13:40.",
        ),
        dress_code=BUSINESS,
    ),
    ItemSpec(
        key="debrief",
        day=17,
        start="16:30",
        end="17:15",
        kind=ItemKind.MEETING,
        title=Text(
            "Interne Nachbesprechung des ersten Tages",
            "Внутрішнє обговорення першого дня",
            "Internal debrief of day one",
        ),
        venue="kreishaus",
        hosts=("musterfeld", "probemann"),
        visibility=Visibility.INTERNAL,
        internal_notes=(
            "Offene Punkte sammeln: Absage Rheinhafen Wasserstoff, Antwort Hof Niersaue steht aus."
        ),
    ),
    ItemSpec(
        key="castle-walk",
        day=17,
        start="17:30",
        end="19:00",
        kind=ItemKind.FREE_TIME,
        title=Text(
            "Stadtrundgang zur Schwanenburg",
            "Прогулянка містом до Замку Лебедя",
            "Town walk to Swan Castle",
        ),
        venue="schwanenburg",
        hosts=("musterfeld",),
        interpreted=True,
        description=Text(
            "Ein kurzer Spaziergang durch die Oberstadt hinauf zur Schwanenburg, mit Blick weit über den "
            "Niederrhein. Danach ist der Abend frei.",
            "Коротка прогулянка Верхнім містом до Замку Лебедя, звідки відкривається краєвид на Нижній "
            "Рейн. Після цього вечір вільний.",
            "A short walk through the upper town to Swan Castle, with a wide view over the Lower Rhine. The "
            "evening is free afterwards.",
        ),
        dress_code=Text("wetterfeste Kleidung", "одяг на будь-яку погоду", "weatherproof clothing"),
    ),
    # Tuesday, 18 November: energy
    ItemSpec(
        key="drive-goch",
        day=18,
        start="08:30",
        end="09:00",
        kind=ItemKind.TRANSFER,
        title=Text("Fahrt nach Goch", "Поїздка до Гоха", "Drive to Goch"),
        venue="schwanenland-site",
        hosts=("lenkrad",),
        transport_note=MINIBUS_FROM_HOTEL,
    ),
    ItemSpec(
        key="visit-schwanenland",
        day=18,
        start="09:00",
        end="11:30",
        kind=ItemKind.COMPANY_VISIT,
        title=Text(
            "Unternehmensbesuch Schwanenland Energie: Strom und Wärme für eine Region",
            "Візит до компанії Schwanenland Energie: електроенергія і тепло для регіону",
            "Company visit to Schwanenland Energie: power and heat for a region",
        ),
        venue="schwanenland-site",
        hosts=("probemann", "leitner"),
        interpreted=True,
        description=Text(
            "Wie bleibt ein Netz stabil, wenn immer mehr Strom aus Sonne und Wind kommt? Rundgang durch die "
            "Netzleitstelle und das Blockheizkraftwerk, danach ein Gespräch über Notstrom für "
            "Krankenhäuser, Wasserwerke und Schulen.",
            "Як зберегти стабільність мережі, коли дедалі більше електроенергії дають сонце й вітер? "
            "Екскурсія диспетчерським центром і когенераційною установкою, а потім розмова про резервне "
            "живлення для лікарень, водоканалів і шкіл.",
            "How does a grid stay stable as more and more power comes from sun and wind? A tour of the "
            "control room and the combined heat and power plant, then a talk about back-up power for "
            "hospitals, waterworks and schools.",
        ),
        dress_code=OUTDOOR,
    ),
    ItemSpec(
        key="rathaus-goch",
        day=18,
        start="12:00",
        end="14:00",
        kind=ItemKind.MEETING,
        title=Text(
            "Im Rathaus Goch: Bürgerservice und digitale Akte",
            "У ратуші Гоха: обслуговування громадян та електронний документообіг",
            "At Goch town hall: citizen services and digital files",
        ),
        venue="rathaus-goch",
        hosts=("probemann",),
        interpreted=True,
        description=Text(
            "Die Stadt Goch zeigt ihr Bürgerbüro und erklärt, wie Anträge heute digital bearbeitet werden. "
            "Beim Mittagsimbiss geht es um die Erfahrungen aus der Umstellung.",
            "Місто Гох показує свій центр обслуговування громадян і пояснює, як сьогодні заяви опрацьовують "
            "в електронному вигляді. За легким обідом – розмова про досвід цього переходу.",
            "The town of Goch shows its citizens' office and explains how applications are now handled "
            "digitally. Over a light lunch, staff share what they learnt from the switch.",
        ),
        transport_note=Text(
            "Kleinbus, etwa zehn Minuten.",
            "Мікроавтобусом, близько десяти хвилин.",
            "Minibus, about ten minutes.",
        ),
        dress_code=BUSINESS,
    ),
    ItemSpec(
        key="drive-kalkar",
        day=18,
        start="14:00",
        end="14:30",
        kind=ItemKind.TRANSFER,
        title=Text("Fahrt nach Kalkar", "Поїздка до Калькара", "Drive to Kalkar"),
        venue="windpark-site",
        hosts=("lenkrad",),
        transport_note=Text(
            "Kleinbus ab Rathaus Goch, etwa 25 Minuten.",
            "Мікроавтобус від ратуші Гоха, близько 25 хвилин.",
            "Minibus from Goch town hall, about 25 minutes.",
        ),
    ),
    ItemSpec(
        key="visit-windpark",
        day=18,
        start="14:30",
        end="16:30",
        kind=ItemKind.COMPANY_VISIT,
        title=Text(
            "Unternehmensbesuch im Bürgerwindpark Kalkarer Feld",
            "Візит до громадського вітропарку «Kalkarer Feld»",
            "Company visit to the Kalkarer Feld community wind farm",
        ),
        venue="windpark-site",
        hosts=("probemann", "windmann"),
        interpreted=True,
        description=Text(
            "Sechs Windräder, die Menschen aus der Umgebung gemeinsam gehören: Die Betreiber erklären, wie "
            "der Windpark finanziert wurde und wie die Gemeinde an den Erträgen beteiligt ist. Zum "
            "Abschluss geht es in den Turm einer Anlage.",
            "Шість вітрових турбін, якими спільно володіють місцеві жителі: оператори розповідають, як "
            "фінансували вітропарк і як громада отримує частку прибутку. Насамкінець – екскурсія всередину "
            "башти однієї з установок.",
            "Six wind turbines owned together by local people: the operators explain how the wind farm was "
            "financed and how the community shares in its income. To finish, a look inside one of the "
            "towers.",
        ),
        dress_code=Text(
            "feste Schuhe und eine warme, wetterfeste Jacke; Helme werden gestellt",
            "зручне закрите взуття та тепла куртка від негоди; каски видадуть на місці",
            "sturdy shoes and a warm, weatherproof jacket; helmets are provided",
        ),
        visibility=Visibility.PUBLIC,
        press_access=PressAccess.PHOTO_ONLY,
    ),
    ItemSpec(
        key="business-dinner",
        day=18,
        start="17:30",
        end="19:30",
        kind=ItemKind.MEAL,
        title=Text(
            "Abendessen mit Unternehmerinnen und Unternehmern aus dem Kreis",
            "Вечеря з підприємцями району",
            "Dinner with business people from the county",
        ),
        venue="landgasthof",
        hosts=("probemann",),
        interpreted=True,
        description=Text(
            "Die Wirtschaftsförderung hat Betriebe aus Handwerk, Landwirtschaft und Energie eingeladen: "
            "Zeit für Gespräche und Visitenkarten.",
            "Агенція економічного розвитку запросила представників ремесел, сільського господарства та "
            "енергетики: час для розмов та обміну візитівками.",
            "The economic development agency has invited firms from crafts, farming and energy: time for "
            "conversation and business cards.",
        ),
        dress_code=CASUAL,
    ),
    ItemSpec(
        key="back-from-kalkar",
        day=18,
        start="19:45",
        end="20:15",
        kind=ItemKind.TRANSFER,
        title=Text("Rückfahrt nach Kleve", "Повернення до Клеве", "Return to Kleve"),
        venue="hotel",
        hosts=("lenkrad",),
        transport_note=Text("Kleinbus zum Hotel.", "Мікроавтобусом до готелю.", "Minibus to the hotel."),
    ),
    # Wednesday, 19 November: knowledge exchange in the administration
    ItemSpec(
        key="knowledge-workshop",
        day=19,
        start="09:00",
        end="12:00",
        kind=ItemKind.MEETING,
        title=Text(
            "Workshop Wissensmanagement: Wie eine Verwaltung ihr Wissen sichert",
            "Семінар з управління знаннями: як адміністрація зберігає свій досвід",
            "Workshop on knowledge management: how an administration keeps what it knows",
        ),
        venue="kreishaus",
        hosts=("musterfeld",),
        interpreted=True,
        description=Text(
            "Wenn erfahrene Kolleginnen und Kollegen in den Ruhestand gehen, darf ihr Wissen nicht "
            "mitgehen. Das Organisationsamt zeigt Übergabemappen, Wissenslandkarten und das interne Wiki; "
            "die Gäste berichten, wie ihr Rajon seit der Verwaltungsreform von 2020 zusammengewachsen ist.",
            "Коли досвідчені колеги виходять на пенсію, їхні знання не повинні йти разом із ними. "
            "Організаційний відділ показує папки для передачі справ, карти знань і внутрішню вікі; гості "
            "розповідають, як їхній район об'єднувався після адміністративної реформи 2020 року.",
            "When experienced colleagues retire, what they know must not leave with them. The organisation "
            "department shows handover folders, knowledge maps and the internal wiki; the guests tell how "
            "their raion has grown together since the administrative reform of 2020.",
        ),
        dress_code=BUSINESS,
    ),
    ItemSpec(
        key="workshop-lunch",
        day=19,
        start="12:00",
        end="13:00",
        kind=ItemKind.MEAL,
        title=Text(
            "Mittagessen mit dem Workshop-Team",
            "Обід з учасниками семінару",
            "Lunch with the workshop team",
        ),
        venue="kreishaus",
        hosts=("musterfeld",),
        interpreted=True,
    ),
    ItemSpec(
        key="finance-talk",
        day=19,
        start="13:30",
        end="15:30",
        kind=ItemKind.MEETING,
        title=Text(
            "Gespräch mit der Kämmerei: Haushalt und Fördermittel",
            "Зустріч із фінансовим управлінням: бюджет і грантові кошти",
            "Meeting the finance department: budget and grants",
        ),
        venue="kreishaus",
        participants=("zrazkovyi", "prykladenko"),
        hosts=("musterfeld",),
        interpreted=True,
        description=Text(
            "Wie plant ein Kreis seinen Haushalt, und wie beantragt und belegt er Fördermittel von Land, "
            "Bund und EU? Ein Gespräch in kleiner Runde.",
            "Як район планує свій бюджет і як подає заявки та звітує про гранти від федеральної землі, "
            "держави та ЄС? Розмова у вузькому колі.",
            "How does a county plan its budget, and how does it apply for and account for grants from the "
            "state, the federal government and the EU? A conversation in a small group.",
        ),
    ),
    ItemSpec(
        key="energy-management",
        day=19,
        start="13:30",
        end="15:30",
        kind=ItemKind.MEETING,
        title=Text(
            "Hospitation: Energiemanagement der kreiseigenen Gebäude",
            "Стажування: енергоменеджмент будівель району",
            "Job shadowing: energy management of the county's buildings",
        ),
        venue="berufskolleg",
        participants=("vyhadko",),
        description=Text(
            "Der Energiemanager des Kreises zeigt am Beispiel des Berufskollegs, wie der Verbrauch der "
            "kreiseigenen Schulen gemessen und gesenkt wird: von der Heizzentrale bis zur Lüftung der "
            "Klassenräume. Das Gespräch findet auf Englisch statt.",
            "Енергоменеджер району на прикладі професійного коледжу показує, як вимірюють і зменшують "
            "споживання енергії у школах району: від котельні до вентиляції класів. Розмова англійською "
            "мовою.",
            "Using the Berufskolleg as an example, the county's energy manager shows how consumption in the "
            "county's schools is measured and reduced, from the boiler house to classroom ventilation. The "
            "conversation is in English.",
        ),
        transport_note=Text(
            "Herr Lenkrad fährt vom Kreishaus zum Berufskolleg, etwa fünf Minuten.",
            "Пан Ленкрад відвезе вас від адміністрації району до коледжу, близько п'яти хвилин.",
            "Mr Lenkrad drives you from the Kreishaus to the Berufskolleg, about five minutes.",
        ),
    ),
    ItemSpec(
        key="address-rehearsal",
        day=19,
        start="16:00",
        end="17:30",
        kind=ItemKind.MEETING,
        title=Text(
            "Grußwort für den Festakt vorbereiten",
            "Підготовка вітального слова для урочистостей",
            "Preparing the address for the ceremony",
        ),
        venue="kreishaus",
        participants=("zrazkovyi", "uiavna"),
        hosts=("musterfeld",),
        interpreted=True,
        description=Text(
            "Das Grußwort dauert etwa drei Minuten. Abstimmung mit der Dolmetscherin und eine kurze Probe "
            "am Rednerpult.",
            "Вітальне слово триває близько трьох хвилин. Узгодження з перекладачкою та коротка репетиція за "
            "трибуною.",
            "The address lasts about three minutes. Agreeing the text with the interpreter and a short "
            "rehearsal at the lectern.",
        ),
    ),
    ItemSpec(
        key="free-evening",
        day=19,
        start="18:00",
        end="22:00",
        kind=ItemKind.FREE_TIME,
        title=Text("Freier Abend", "Вільний вечір", "Free evening"),
        venue=None,
        description=Text(
            "Zeit zur freien Verfügung. Restauranttipps stehen in der Willkommensmappe; Frau Musterfeld ist "
            "telefonisch erreichbar.",
            "Вільний час. Поради щодо ресторанів – у вашому пакеті матеріалів; пані Мустерфельд на зв'язку "
            "телефоном.",
            "Time of your own. Restaurant tips are in your welcome pack; Ms Musterfeld can be reached by "
            "phone.",
        ),
    ),
    # Thursday, 20 November: the Rhine and the ceremony
    ItemSpec(
        key="visit-rheinhafen",
        day=20,
        start="09:30",
        end="11:30",
        kind=ItemKind.COMPANY_VISIT,
        title=Text(
            "Unternehmensbesuch Rheinhafen Wasserstoff: Elektrolyse am Hafen",
            "Візит до компанії Rheinhafen Wasserstoff: електроліз у порту",
            "Company visit to Rheinhafen Wasserstoff: electrolysis at the harbour",
        ),
        venue="rheinhafen-site",
        hosts=("probemann",),
        interpreted=True,
        description=Text(
            "Abgesagt: Der Elektrolyseur ist in dieser Woche wegen Wartungsarbeiten außer Betrieb. Die "
            "Wirtschaftsförderung bietet nach dem Besuch ein Online-Gespräch mit dem Unternehmen an.",
            "Скасовано: цього тижня електролізер зупинено на технічне обслуговування. Після візиту агенція "
            "економічного розвитку запропонує онлайн-зустріч із компанією.",
            "Cancelled: the electrolyser is shut down for maintenance this week. After the visit, the "
            "economic development agency will arrange an online meeting with the company.",
        ),
        status=ItemStatus.CANCELLED,
        internal_notes="Absage von Frau Zelle am 12.11.2025; Ersatzprogramm Rheinpromenade.",
    ),
    ItemSpec(
        key="rhine-walk",
        day=20,
        start="10:00",
        end="12:00",
        kind=ItemKind.FREE_TIME,
        title=Text(
            "Spaziergang an der Rheinpromenade in Emmerich",
            "Прогулянка набережною Рейну в Еммеріху",
            "Walk along the Rhine promenade in Emmerich",
        ),
        venue="rheinpromenade",
        hosts=("musterfeld",),
        interpreted=True,
        description=Text(
            "Statt des abgesagten Hafenbesuchs: Blick auf die Schiffe und auf die Rheinbrücke Emmerich, die "
            "längste Hängebrücke Deutschlands.",
            "Замість скасованого візиту до порту – краєвид на кораблі та на Рейнський міст в Еммеріху, "
            "найдовший висячий міст Німеччини.",
            "Instead of the cancelled harbour visit: a view of the ships and of the Emmerich Rhine Bridge, "
            "the longest suspension bridge in Germany.",
        ),
        transport_note=Text(
            "Kleinbus des Kreises, Abfahrt 09:30 am Hotel, etwa 20 Minuten.",
            "Мікроавтобус адміністрації району, відправлення о 09:30 від готелю, близько 20 хвилин.",
            "County minibus, leaving the hotel at 09:30, about 20 minutes.",
        ),
        dress_code=Text("wetterfeste Kleidung", "одяг на будь-яку погоду", "weatherproof clothing"),
    ),
    ItemSpec(
        key="emmerich-lunch",
        day=20,
        start="12:15",
        end="13:30",
        kind=ItemKind.MEAL,
        title=Text(
            "Mittagessen in Emmerich am Rhein",
            "Обід в Еммеріху-на-Рейні",
            "Lunch in Emmerich am Rhein",
        ),
        venue="rheinufer",
        hosts=("musterfeld",),
        interpreted=True,
    ),
    ItemSpec(
        key="back-from-emmerich",
        day=20,
        start="13:30",
        end="14:00",
        kind=ItemKind.TRANSFER,
        title=Text(
            "Rückfahrt zum Hotel und Zeit zum Umziehen",
            "Повернення до готелю та час переодягнутися",
            "Back to the hotel and time to change",
        ),
        venue="hotel",
        hosts=("lenkrad",),
        transport_note=Text(
            "Kleinbus, etwa 20 Minuten.", "Мікроавтобусом, близько 20 хвилин.", "Minibus, about 20 minutes."
        ),
    ),
    ItemSpec(
        key="tech-rehearsal",
        day=20,
        start="14:00",
        end="15:00",
        kind=ItemKind.MEETING,
        title=Text(
            "Technikprobe Festakt: Mikrofon und Dolmetschanlage",
            "Технічна репетиція урочистостей: мікрофон і обладнання для перекладу",
            "Ceremony tech rehearsal: microphone and interpreting equipment",
        ),
        venue="berufskolleg",
        hosts=("musterfeld",),
        interpreted=True,
        visibility=Visibility.INTERNAL,
        internal_notes=(
            "Zwei Empfänger mit Kopfhörern für die Gäste bereitlegen; Plätze in Reihe 1 reservieren."
        ),
    ),
    ItemSpec(
        key="drive-berufskolleg",
        day=20,
        start="15:15",
        end="15:35",
        kind=ItemKind.TRANSFER,
        title=Text(
            "Fahrt zum Berufskolleg Kleve",
            "Поїздка до професійного коледжу Клеве",
            "Drive to the Berufskolleg Kleve",
        ),
        venue="berufskolleg",
        hosts=("lenkrad",),
        transport_note=MINIBUS_FROM_HOTEL,
    ),
    ItemSpec(
        key="ceremony",
        day=20,
        start="16:00",
        end="18:00",
        kind=ItemKind.CEREMONY,
        title=Text(
            "Festakt „50 Jahre Kreis Kleve“",
            "Урочистості «50 років району Клеве»",
            "Ceremony “50 Years of Kreis Kleve”",
        ),
        venue="berufskolleg",
        hosts=("musterfeld",),
        interpreted=True,
        description=Text(
            "Der Kreis Kleve feiert sein 50-jähriges Bestehen im Berufskolleg Kleve, einer Schule in "
            "Trägerschaft des Kreises. Die Delegation aus dem Rajon Podilsk ist Ehrengast, ihr Leiter "
            "spricht ein kurzes Grußwort. Für die Musik sorgen Schülerinnen und Schüler des Berufskollegs.",
            "Район Клеве святкує своє 50-річчя у професійному коледжі Клеве, засновником якого є район. "
            "Делегація Подільського району – почесні гості, її керівник виголосить коротке вітальне слово. "
            "Музичну програму готують учні коледжу.",
            "Kreis Kleve celebrates its 50th anniversary at the Berufskolleg Kleve, a vocational college "
            "run by the county. The delegation from Podilsk Raion are guests of honour, and its head gives "
            "a short address. Students of the college provide the music.",
        ),
        dress_code=FESTIVE,
        visibility=Visibility.PUBLIC,
        press_access=PressAccess.OPEN,
    ),
    ItemSpec(
        key="ceremony-reception",
        day=20,
        start="18:00",
        end="20:00",
        kind=ItemKind.MEAL,
        title=Text(
            "Empfang mit Imbiss nach dem Festakt",
            "Фуршет після урочистостей",
            "Reception with buffet after the ceremony",
        ),
        venue="berufskolleg",
        hosts=("musterfeld",),
        interpreted=True,
        description=Text(
            "Gelegenheit für Gespräche mit Gästen aus Politik, Verwaltung und Vereinen des Kreises.",
            "Нагода поспілкуватися з гостями з політики, адміністрації та громадських організацій району.",
            "A chance to talk with guests from the county's politics, administration and associations.",
        ),
        dress_code=FESTIVE,
    ),
    ItemSpec(
        key="back-from-ceremony",
        day=20,
        start="20:00",
        end="20:20",
        kind=ItemKind.TRANSFER,
        title=Text(
            "Rückfahrt nach dem Festakt", "Повернення після урочистостей", "Return after the ceremony"
        ),
        venue="hotel",
        hosts=("lenkrad",),
        transport_note=Text("Kleinbus zum Hotel.", "Мікроавтобусом до готелю.", "Minibus to the hotel."),
    ),
    # Friday, 21 November: results and farewell
    ItemSpec(
        key="next-steps",
        day=21,
        start="09:00",
        end="11:00",
        kind=ItemKind.MEETING,
        title=Text(
            "Arbeitsgespräch: nächste Schritte der Partnerschaft",
            "Робоча зустріч: наступні кроки партнерства",
            "Working meeting: next steps for the partnership",
        ),
        venue="kreishaus",
        hosts=("musterfeld", "probemann"),
        interpreted=True,
        description=Text(
            "Was nehmen beide Seiten mit? Gemeinsam werden Projektideen gesammelt, etwa ein Austausch von "
            "Fachleuten für Energieeffizienz und ein Gegenbesuch im Rajon Podilsk, und Zuständige benannt.",
            "Що взяли з собою обидві сторони? Разом збираємо ідеї проєктів – наприклад, обмін фахівцями з "
            "енергоефективності та зворотний візит до Подільського району – і визначаємо відповідальних.",
            "What does each side take home? Together we collect project ideas, such as an exchange of "
            "energy efficiency experts and a return visit to Podilsk Raion, and name who takes them on.",
        ),
        dress_code=BUSINESS,
    ),
    ItemSpec(
        key="wfg-closing",
        day=21,
        start="11:15",
        end="12:30",
        kind=ItemKind.MEETING,
        title=Text(
            "Abschlussgespräch mit der Wirtschaftsförderung",
            "Підсумкова зустріч з агенцією економічного розвитку",
            "Closing meeting with the economic development agency",
        ),
        venue="wfg-office",
        hosts=("probemann",),
        interpreted=True,
        description=Text(
            "Rückblick auf die Unternehmensbesuche, Austausch von Kontakten und Verabredungen für "
            "Folgetermine, auch zu den Themen, die diesmal nicht ins Programm gepasst haben.",
            "Підсумки візитів на підприємства, обмін контактами та домовленості про наступні зустрічі – "
            "зокрема на теми, які цього разу не ввійшли до програми.",
            "A look back at the company visits, swapping contacts and agreeing follow-up meetings, "
            "including on the topics that did not fit into the programme this time.",
        ),
        transport_note=Text(
            "Kleinbus ab Kreishaus um 11:00.",
            "Мікроавтобус від адміністрації району об 11:00.",
            "Minibus from the Kreishaus at 11:00.",
        ),
        dress_code=BUSINESS,
    ),
    ItemSpec(
        key="wfg-lunch",
        day=21,
        start="12:30",
        end="13:30",
        kind=ItemKind.MEAL,
        title=Text(
            "Mittagsimbiss bei der Wirtschaftsförderung",
            "Легкий обід в агенції економічного розвитку",
            "Light lunch at the economic development agency",
        ),
        venue="wfg-office",
        hosts=("probemann",),
        interpreted=True,
    ),
    ItemSpec(
        key="press-office-talk",
        day=21,
        start="14:00",
        end="15:00",
        kind=ItemKind.MEETING,
        title=Text(
            "Gespräch mit der Pressestelle: Öffentlichkeitsarbeit einer Kreisverwaltung",
            "Зустріч із пресслужбою: як адміністрація району спілкується з громадськістю",
            "Meeting the press office: how a county administration talks to the public",
        ),
        venue="kreishaus",
        participants=("uiavna",),
        hosts=("musterfeld",),
        interpreted=True,
        description=Text(
            "Pressemitteilungen, soziale Medien und die Information der Bevölkerung in Krisenlagen: ein "
            "Austausch unter Fachleuten für Öffentlichkeitsarbeit.",
            "Пресрелізи, соціальні мережі та інформування населення в кризових ситуаціях: обмін досвідом "
            "між фахівцями з комунікацій.",
            "Press releases, social media and keeping residents informed in a crisis: an exchange between "
            "communications professionals.",
        ),
    ),
    ItemSpec(
        key="shopping",
        day=21,
        start="14:00",
        end="18:00",
        kind=ItemKind.FREE_TIME,
        title=Text(
            "Freizeit in der Klever Innenstadt",
            "Вільний час у центрі Клеве",
            "Free time in Kleve town centre",
        ),
        venue=None,
        description=Text(
            "Die Geschäfte in der Fußgängerzone an der Großen Straße haben bis 19 Uhr geöffnet.",
            "Крамниці в пішохідній зоні на вулиці Гроссе-Штрассе працюють до 19:00.",
            "The shops in the pedestrian zone on Große Straße are open until 7 pm.",
        ),
    ),
    ItemSpec(
        key="farewell-dinner",
        day=21,
        start="19:00",
        end="22:00",
        kind=ItemKind.MEAL,
        title=Text("Abschiedsabend", "Прощальна вечеря", "Farewell dinner"),
        venue="niederrheinstube",
        hosts=("musterfeld", "probemann"),
        interpreted=True,
        description=Text(
            "Ein gemeinsamer Abschluss der Woche mit allen, die den Besuch vorbereitet und begleitet haben.",
            "Спільне завершення тижня з усіма, хто готував і супроводжував візит.",
            "Closing the week together with everyone who prepared and accompanied the visit.",
        ),
        transport_note=Text(
            "Etwa fünf Minuten zu Fuß vom Hotel.",
            "Близько п'яти хвилин пішки від готелю.",
            "About five minutes' walk from the hotel.",
        ),
        dress_code=CASUAL,
    ),
    # Saturday, 22 November: departure
    ItemSpec(
        key="check-out",
        day=22,
        start="07:30",
        end="08:30",
        # Breakfast at one's own pace, no programme: free time needs no interpreter and books nobody.
        kind=ItemKind.FREE_TIME,
        title=Text("Frühstück und Check-out", "Сніданок і виселення з готелю", "Breakfast and check-out"),
        venue="hotel",
        description=Text(
            "Die Zimmerrechnungen übernimmt der Kreis; bitte nur Extras an der Rezeption begleichen.",
            "Рахунки за проживання сплачує район; на рецепції потрібно оплатити лише додаткові послуги.",
            "The county pays for the rooms; please settle only extras at reception.",
        ),
    ),
    ItemSpec(
        key="drive-station",
        day=22,
        start="08:40",
        end="09:00",
        kind=ItemKind.TRANSFER,
        title=Text("Fahrt zum Bahnhof Kleve", "Поїздка на вокзал Клеве", "Drive to Kleve station"),
        venue="station",
        participants=("prykladenko",),
        hosts=("lenkrad",),
        transport_note=Text(
            "Zug RE 10 um 09:14 Richtung Düsseldorf.",
            "Потяг RE 10 о 09:14 у напрямку Дюссельдорфа.",
            "Train RE 10 at 09:14 towards Düsseldorf.",
        ),
    ),
    ItemSpec(
        key="airport-return",
        day=22,
        start="09:15",
        end="10:45",
        kind=ItemKind.TRANSFER,
        title=Text(
            "Fahrt zum Flughafen Düsseldorf",
            "Трансфер до аеропорту Дюссельдорфа",
            "Transfer to Düsseldorf Airport",
        ),
        venue="airport",
        participants=FLYERS,
        hosts=("lenkrad", "musterfeld"),
        transport_note=Text(
            "Kleinbus ab Hotel um 09:15; Abflug um 12:45.",
            "Мікроавтобус від готелю о 09:15; виліт о 12:45.",
            "Minibus from the hotel at 09:15; the flight leaves at 12:45.",
        ),
    ),
)

INTERPRETER = "perekladach"

APPOINTMENTS = (
    AppointmentSpec(
        company="schwanenland",
        topic="energy-supply",
        contact="leitner",
        status=AppointmentStatus.CONFIRMED,
        programme_item="visit-schwanenland",
        proposed_slots="Di 18.11. vormittags",
        briefing_notes="Schwerpunkt Netzstabilität und Notstrom für Krankenhäuser und Wasserwerke; die Gäste "
        "fragen nach Blockheizkraftwerken für Schulen.",
        outcome="Großes Interesse an Notstromkonzepten; Unterlagen auf Englisch zugesagt.",
        follow_ups="Unterlagen bis Ende Januar 2026 nachreichen; Kontakt zur Netzleitstelle vermitteln.",
    ),
    AppointmentSpec(
        company="windpark",
        topic="renewables",
        contact="windmann",
        status=AppointmentStatus.CONFIRMED,
        programme_item="visit-windpark",
        proposed_slots="Di 18.11. nachmittags",
        briefing_notes="Bürgerbeteiligung und Pachtmodelle erklären; Fototermin für die Presse (nur Fotos).",
        outcome="Die Gäste möchten ein Beteiligungsmodell für eine Solaranlage im Rajon prüfen.",
        follow_ups="Musterverträge zur Bürgerbeteiligung (anonymisiert) ins Ukrainische übersetzen lassen.",
    ),
    AppointmentSpec(
        company="rheinhafen-h2",
        topic="hydrogen",
        contact="zelle",
        status=AppointmentStatus.DECLINED,
        proposed_slots="Do 20.11. 09:30–11:30",
        briefing_notes="Elektrolyseur 5 MW, Abnehmer Logistik am Hafen.",
        outcome="Absage am 12.11.2025: Elektrolyseur in der Besuchswoche wegen Wartung außer Betrieb.",
        follow_ups="Online-Gespräch im Januar 2026 anbieten.",
    ),
    AppointmentSpec(
        company="niersaue",
        topic="land-use",
        contact="ackermann",
        status=AppointmentStatus.REQUESTED,
        proposed_slots="Mi 19.11. nachmittags oder Fr 21.11. vormittags",
        briefing_notes="Agroforst und Humusaufbau; passt zu den Ackerflächen im Rajon Podilsk.",
        follow_ups="Antwort steht aus; bei Zusage als Online-Termin oder beim Gegenbesuch nachholen.",
    ),
    AppointmentSpec(
        company="wissenswerk",
        topic="knowledge-management",
        contact="wissmann",
        status=AppointmentStatus.TO_ASK,
        briefing_notes="Für einen Folgeaustausch zum Wissensmanagement anfragen, gern online.",
    ),
)
