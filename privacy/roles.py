"""Who may use the data protection tools: planners export and erase; read-only sees that erasures happened."""

PERMISSIONS = {
    "planners": {
        ("privacy", "view_erasure"),
        ("privacy", "export_personal_data"),
        ("privacy", "erase_personal_data"),
    },
    "read-only": {("privacy", "view_erasure")},
}
