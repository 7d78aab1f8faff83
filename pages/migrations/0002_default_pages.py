"""The three legal pages with a first text in German, Ukrainian and English, for staff to check and adapt."""

from django.db import migrations

PAGES = {
    "imprint": {
        "title_de": "Impressum",
        "title_uk": "Вихідні дані",
        "title_en": "Legal notice",
        "body_de": """
<h2>Anbieter</h2>
<p>Kreis Kleve<br>Der Landrat<br>Nassauerallee 15–23<br>47533 Kleve</p>
<p>Der Kreis Kleve ist eine Körperschaft des öffentlichen Rechts. Er wird vertreten durch den Landrat.</p>
<h2>Kontakt</h2>
<p>Telefon: 02821 85-0<br>E-Mail: <a href="mailto:partnerschaften@kreis-kleve.example">partnerschaften@kreis-kleve.example</a></p>
<h2>Verantwortlich für den Inhalt</h2>
<p>Pressestelle des Kreises Kleve, Anschrift wie oben.</p>
<h2>Aufsichtsbehörde</h2>
<p>Bezirksregierung Düsseldorf</p>
<h2>Haftung für Links</h2>
<p>Für die Inhalte verlinkter Seiten anderer Anbieter sind deren Betreiber verantwortlich.</p>
""",
        "body_uk": """
<h2>Постачальник</h2>
<p>Крайс Клеве (Kreis Kleve)<br>Ландрат<br>Nassauerallee 15–23<br>47533 Kleve, Німеччина</p>
<p>Крайс Клеве є публічно-правовою корпорацією. Його представляє ландрат.</p>
<h2>Контакт</h2>
<p>Телефон: +49 2821 85-0<br>Ел. пошта: <a href="mailto:partnerschaften@kreis-kleve.example">partnerschaften@kreis-kleve.example</a></p>
<h2>Відповідальність за зміст</h2>
<p>Пресслужба Крайсу Клеве, адреса як вище.</p>
""",
        "body_en": """
<h2>Provider</h2>
<p>Kreis Kleve (District of Kleve)<br>Der Landrat<br>Nassauerallee 15–23<br>47533 Kleve, Germany</p>
<p>The District of Kleve is a public-law corporation, represented by its Landrat (district administrator).</p>
<h2>Contact</h2>
<p>Phone: +49 2821 85-0<br>Email: <a href="mailto:partnerschaften@kreis-kleve.example">partnerschaften@kreis-kleve.example</a></p>
<h2>Responsible for the content</h2>
<p>Press office of the District of Kleve, address as above.</p>
""",
    },
    "privacy": {
        "title_de": "Datenschutzerklärung",
        "title_uk": "Політика конфіденційності",
        "title_en": "Privacy policy",
        "body_de": """
<h2>Wer ist verantwortlich?</h2>
<p>Verantwortlich für die Verarbeitung personenbezogener Daten auf dieser Website ist der Kreis Kleve (Anschrift im Impressum).
Die behördliche Datenschutzbeauftragte erreichen Sie unter derselben Anschrift mit dem Zusatz „Datenschutzbeauftragte“.</p>
<h2>Was wir beim Aufruf dieser Seiten verarbeiten</h2>
<p>Beim Aufruf verarbeitet unser Server technisch notwendige Angaben (IP-Adresse, Zeitpunkt, aufgerufene Adresse, Browserkennung),
um die Seiten auszuliefern und Angriffe abzuwehren (Art. 6 Abs. 1 lit. e DSGVO). Diese Protokolle werden nach spätestens 14 Tagen gelöscht.</p>
<p>Die öffentlichen Seiten setzen keine Cookies zur Analyse, binden keine Schriften, Karten oder Skripte fremder Anbieter ein
und geben keine Daten an Dritte weiter.</p>
<h2>Rückmeldungen zur Barrierefreiheit</h2>
<p>Wenn Sie uns über das Formular schreiben, speichern wir Ihre Nachricht und, falls angegeben, Name und E-Mail-Adresse,
um Ihr Anliegen zu bearbeiten. Wir löschen die Angaben, wenn sie dafür nicht mehr gebraucht werden.</p>
<h2>Personen auf Fotos</h2>
<p>Wir veröffentlichen Fotos von Personen nur mit deren Einwilligung. Namen von Mitgliedern einer Delegation nennen wir nur,
wenn sie in öffentlicher Funktion auftreten.</p>
<h2>Ihre Rechte</h2>
<p>Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und Widerspruch sowie das Recht,
sich bei der Landesbeauftragten für Datenschutz und Informationsfreiheit Nordrhein-Westfalen zu beschweren.</p>
""",
        "body_uk": """
<h2>Хто відповідає?</h2>
<p>За обробку персональних даних на цьому сайті відповідає Крайс Клеве (адреса — у вихідних даних).</p>
<h2>Що ми обробляємо</h2>
<p>Під час відвідування сервер обробляє технічно необхідні дані (IP-адресу, час, адресу сторінки, дані браузера), щоб показати сторінки
та захистити їх від атак. Ці журнали видаляються не пізніше ніж через 14 днів. Публічні сторінки не використовують аналітичних
файлів cookie і не завантажують шрифти, карти чи скрипти сторонніх постачальників.</p>
<h2>Особи на фото</h2>
<p>Фото людей ми публікуємо лише з їхньої згоди. Імена членів делегації ми називаємо лише тоді, коли вони виступають як публічні особи.</p>
<h2>Ваші права</h2>
<p>Ви маєте право на доступ до даних, їх виправлення, видалення, обмеження обробки, заперечення, а також право на скаргу до органу
із захисту даних землі Північний Рейн-Вестфалія.</p>
""",
        "body_en": """
<h2>Who is responsible?</h2>
<p>The District of Kleve (address in the legal notice) is responsible for processing personal data on this website.</p>
<h2>What we process</h2>
<p>When you visit, our server processes technically necessary data (IP address, time, address requested, browser identification)
to deliver the pages and to fend off attacks. These logs are deleted after 14 days at the latest. The public pages set no analytics
cookies and load no fonts, maps or scripts from other providers.</p>
<h2>People in photos</h2>
<p>We publish photos of people only with their consent. We name members of a delegation only when they appear in a public capacity.</p>
<h2>Your rights</h2>
<p>You have the right of access, rectification, erasure, restriction and objection, and the right to lodge a complaint with the data
protection authority of North Rhine-Westphalia.</p>
""",
    },
    "accessibility": {
        "title_de": "Erklärung zur Barrierefreiheit",
        "title_uk": "Заява про доступність",
        "title_en": "Accessibility statement",
        "body_de": """
<p>Der Kreis Kleve ist bemüht, diese Website im Einklang mit der Barrierefreie-Informationstechnik-Verordnung Nordrhein-Westfalen
(BITV NRW) barrierefrei zugänglich zu machen.</p>
<h2>Stand der Vereinbarkeit</h2>
<p>Diese Website ist weitgehend mit den Anforderungen der WCAG 2.1 auf Stufe AA vereinbar. Die Seiten werden bei jeder Änderung
automatisch geprüft.</p>
<h2>Nicht barrierefreie Inhalte</h2>
<ul>
<li>Texte liegen nicht immer in allen drei Sprachen vor; fehlt eine Übersetzung, zeigen wir den deutschen Text und weisen darauf hin.</li>
<li>Texte in Leichter Sprache und in Deutscher Gebärdensprache gibt es noch nicht.</li>
</ul>
<h2>Feedback und Kontakt</h2>
<p>Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen, oder brauchen Sie eine Information in einer anderen Form?
Schreiben Sie uns über das Formular auf dieser Seite oder an
<a href="mailto:barrierefreiheit@kreis-kleve.example">barrierefreiheit@kreis-kleve.example</a>. Wir antworten innerhalb eines Monats.</p>
<h2>Durchsetzungsverfahren</h2>
<p>Bleibt Ihre Rückmeldung ohne zufriedenstellende Antwort, können Sie sich an die Ombudsstelle für barrierefreie Informationstechnik
bei der Landesbeauftragten für Menschen mit Behinderung Nordrhein-Westfalen wenden. Das Verfahren ist kostenlos.</p>
""",
        "body_uk": """
<p>Крайс Клеве прагне зробити цей сайт доступним відповідно до вимог землі Північний Рейн-Вестфалія (BITV NRW).</p>
<h2>Стан відповідності</h2>
<p>Сайт значною мірою відповідає вимогам WCAG 2.1 рівня AA.</p>
<h2>Недоступний вміст</h2>
<ul><li>Не всі тексти доступні трьома мовами; якщо перекладу немає, ми показуємо німецький текст і повідомляємо про це.</li></ul>
<h2>Зворотний зв’язок</h2>
<p>Помітили перешкоди? Напишіть нам через форму на цій сторінці або на
<a href="mailto:barrierefreiheit@kreis-kleve.example">barrierefreiheit@kreis-kleve.example</a>.</p>
""",
        "body_en": """
<p>The District of Kleve strives to make this website accessible in line with the accessibility regulation of North
Rhine-Westphalia (BITV NRW).</p>
<h2>Compliance status</h2>
<p>This website largely complies with WCAG 2.1 level AA.</p>
<h2>Content that is not accessible</h2>
<ul><li>Texts are not always available in all three languages; where a translation is missing we show the German text and say so.</li></ul>
<h2>Feedback and contact</h2>
<p>Have you come across a barrier? Write to us with the form on this page or to
<a href="mailto:barrierefreiheit@kreis-kleve.example">barrierefreiheit@kreis-kleve.example</a>. We answer within a month.</p>
<h2>Enforcement procedure</h2>
<p>If you do not receive a satisfactory answer, you can turn to the ombudsman's office for accessible information technology
of North Rhine-Westphalia. The procedure is free of charge.</p>
""",
    },
}


def create_pages(apps, schema_editor):
    from core.richtext import sanitise

    LegalPage = apps.get_model("pages", "LegalPage")
    for kind, texts in PAGES.items():
        if LegalPage.objects.filter(kind=kind).exists():
            continue
        fields = {name: sanitise(value) if name.startswith("body") else value for name, value in texts.items()}
        fields["title"], fields["body"] = fields["title_de"], fields["body_de"]
        LegalPage.objects.create(kind=kind, **fields)


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
