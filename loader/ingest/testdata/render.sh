#!/bin/sh
# Renders the sample minutes (corpus/minutes/*.txt) to PDF, DOCX and HTML
# with LibreOffice, as the fixtures of TestRenderingsMatchText. See README.md.
#
#   apt-get install -y libreoffice-writer-nogui fonts-liberation poppler-utils
#   sh loader/ingest/testdata/render.sh            # from the repository root
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$here/rendered
src=${1:-corpus/minutes}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
for txt in "$src"/*.txt; do
	base=$(basename "$txt" .txt)
	# One <p> per non-blank line, as a word processor holds the text.
	mkhtml() {
		awk 'BEGIN {
			print "<!DOCTYPE html>\n<html lang=\"da\"><head><meta charset=\"utf-8\"><title>Referat</title>"
			print "<style>body{font-family:\"Liberation Sans\",sans-serif;font-size:11pt} p{margin:0 0 6pt 0}</style></head><body>"
		}
		/^[ \t]*$/ { next }
		{ gsub(/&/, "\\&amp;"); gsub(/</, "\\&lt;"); gsub(/>/, "\\&gt;"); print "<p>" $0 "</p>" }
		END { print "</body></html>" }' "$txt"
	}
	mkhtml >"$work/$base.html"
	# The "tight" PDF keeps the text's own lines as paragraphs, blank ones
	# too, with no paragraph spacing (tight.awk writes a flat ODF text):
	# its wrapped lines can only be told from their widths.
	awk -f "$here/tight.awk" "$txt" >"$work/$base.tight.fodt"
	(
		cd "$work"
		soffice --headless --infilter="HTML (StarWriter)" --convert-to docx:"MS Word 2007 XML" "$base.html" >/dev/null
		soffice --headless --convert-to pdf:writer_pdf_Export "$base.tight.fodt" >/dev/null
		mkdir -p from-docx
		soffice --headless --convert-to pdf:writer_pdf_Export --outdir from-docx "$base.docx" >/dev/null
		soffice --headless --convert-to html:"HTML (StarWriter)" --outdir from-docx "$base.docx" >/dev/null
	)
	cp "$work/$base.docx" "$out/$base.docx"
	cp "$work/from-docx/$base.pdf" "$out/$base.pdf"
	cp "$work/from-docx/$base.html" "$out/$base.html"
	cp "$work/$base.tight.pdf" "$out/$base.tight.pdf"
done
ls -l "$out"
