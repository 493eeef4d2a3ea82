# Writes one line of text per paragraph of a flat ODF text document
# (.fodt), with no paragraph spacing: the "tight" rendering of render.sh.
BEGIN {
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" office:version=\"1.2\" office:mimetype=\"application/vnd.oasis.opendocument.text\">"
	print "<office:styles><style:style style:name=\"Standard\" style:family=\"paragraph\"><style:paragraph-properties fo:margin-top=\"0cm\" fo:margin-bottom=\"0cm\"/><style:text-properties fo:font-family=\"'Liberation Sans'\" fo:font-size=\"10pt\"/></style:style></office:styles>"
	print "<office:body><office:text>"
}
{
	gsub(/&/, "\\&amp;"); gsub(/</, "\\&lt;"); gsub(/>/, "\\&gt;"); gsub(/\t/, "<text:tab/>")
	print "<text:p text:style-name=\"Standard\">" $0 "</text:p>"
}
END { print "</office:text></office:body></office:document>" }
