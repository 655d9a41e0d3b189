"""Benchmark: the app's letter-to-PDF path against WeasyPrint rendering the same HTML directly.

Renders the Dublin GDPR letter 50 times through the app (a POST to the PDF view: form
validation, composition, templates, PDF) and 50 times by handing the final HTML straight to
WeasyPrint, interleaved so both see the same machine state. Prints the median milliseconds of
each, their ratio and the peak RSS.

    .venv/bin/python bench/letters.py [--runs 50]
"""

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ANSWERS = {
    "employer": "meta-platforms-ireland",
    "workplace": "IE",
    "rights": ["eu_gdpr:access", "eu_gdpr:objection"],
    "categories": ["keystrokes", "mouse", "screen", "activity", "inferences", "ai_training"],
    "programme_name": "Model Capability Initiative",
    "full_name": "Aoife Byrne",
    "employee_id": "MPI-448812",
    "reply_to": "aoife.byrne@example.org",
    "sent_on": "2026-11-23",
    "ask_legal_basis": "on",
    "ask_dpia": "on",
    "ask_lia": "on",
}


def setup_django(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # One client asks for every letter: the per-client PDF limit stays on the path, unreached.
    os.environ["RIGHTS_LETTER_PDF_RATES"] = "1000000/m"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)


def final_html() -> str:
    from django.template.loader import render_to_string

    from rights.forms import RequestForm
    from rights.services.drafting import compose_from_cleaned
    from rights.services.reference import employer_choices

    form = RequestForm(ANSWERS, employer_choices=employer_choices())
    assert form.is_valid(), form.errors
    return render_to_string(
        "rights/letter_document.html", {"rendered": compose_from_cleaned(form.cleaned_data)}
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    runs = parser.parse_args().runs

    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        from django.conf import settings
        from django.test import Client
        from weasyprint import HTML

        from core.pdf import ACCESSIBLE

        client = Client()
        html = final_html()
        base_url = (settings.BASE_DIR / "static").resolve().as_uri() + "/"

        def app_path() -> bytes:
            response = client.post("/requests/letter.pdf", ANSWERS)
            assert response.status_code == 200
            return response.content

        def bare_path() -> bytes:
            # The same variant as the app's letters: tagged PDF/UA-1.
            return HTML(string=html, base_url=base_url).write_pdf(
                pdf_variant=ACCESSIBLE, pdf_tags=True
            )

        app_path(), bare_path()  # warm caches, fonts and templates for both
        app_ms, bare_ms = [], []
        for _ in range(runs):
            for path, timings in ((app_path, app_ms), (bare_path, bare_ms)):
                start = time.perf_counter()
                path()
                timings.append((time.perf_counter() - start) * 1000)

    app, bare = statistics.median(app_ms), statistics.median(bare_ms)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"runs each:            {runs}")
    print(f"app path median:      {app:.1f} ms")
    print(f"bare WeasyPrint:      {bare:.1f} ms")
    print(f"ratio app / bare:     {app / bare:.3f} (target <= 1.10)")
    print(f"peak RSS:             {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
