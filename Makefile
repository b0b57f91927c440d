# Two commands for a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test fuzz bench lint sample messages goldens clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	@mkdir -p demo-output
	@echo "== gkparse extract samples/notice.docx -o demo-output/notice.json: one line per task =="
	$(BIN)/gkparse extract samples/notice.docx -o demo-output/notice.json
	@$(BIN)/python -c "import json; d=json.load(open('demo-output/notice.json', encoding='utf-8')); n=d['notice']; print(n['doc_number'], n['title']); print(len(d['tasks']), 'tasks'); [print(t['id'], t['deadline']['text'] or '-', '|', '、'.join(t['lead_units']) or '-', '|', t['requirement'][:40]) for t in d['tasks']]"
	@echo
	@echo "== gkparse check samples/status.yaml =="
	@# check's exit code is a feature: 1 means a finding at or above --fail-on (CI fails on it).
	@code=0; $(BIN)/gkparse check samples/status.yaml --format table || code=$$?; \
	case $$code in \
	  0) echo "check exits 0: no finding at or above --fail-on error";; \
	  1) echo "check exits 1: one task is overdue (an error), as a CI job would fail";; \
	  *) exit $$code;; \
	esac
	@echo
	@echo "== gkparse ledger and report: demo-output/ledger.xlsx, demo-output/report.html =="
	$(BIN)/gkparse ledger samples/status.yaml -o demo-output/ledger.xlsx --force
	$(BIN)/gkparse report samples/status.yaml -o demo-output/report.html
	$(BIN)/gkparse report samples/status.yaml -f docx -o demo-output/report.docx
	@echo "open demo-output/report.html in a browser, demo-output/ledger.xlsx in Excel, WPS or LibreOffice"
	@echo
	@echo "== gkparse remind: 督办单 as Word (demo-output/督办单.docx) and as text =="
	$(BIN)/gkparse remind samples/status.yaml -o demo-output/督办单.docx --force
	$(BIN)/gkparse remind samples/status.yaml -f text

test: $(VENV)/.installed-test
	$(BIN)/ruff check src tests samples benchmarks scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

# The property tests at 10,000 examples each (several minutes); `make test` runs 60 each.
fuzz: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q tests/test_properties.py --hypothesis-profile=fuzz \
		--hypothesis-show-statistics -p no:cacheprovider

# Speed and memory against the floor and peer readers (several minutes); figures go in the README.
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py

# Extract the messages into the zh_CN catalog and compile it, with Babel (translate the new ones,
# then run it again).
messages: $(VENV)/.installed-test
	$(BIN)/python scripts/update_messages.py

# Write tests/golden/ (every output format on the sample) from what the code writes now; read
# the diff and check the changed cells by hand (tests/golden/CHECKED.md). The tests never write them.
goldens: $(VENV)/.installed-test
	$(BIN)/python scripts/update_goldens.py

sample: $(VENV)/.installed
	$(BIN)/python samples/build_notice.py samples/notice.docx

clean:
	rm -rf $(VENV) demo-output build *.egg-info src/*.egg-info .pytest_cache
