package cn.fucai.cms.media;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jboss.logging.Logger;

/**
 * The text of a PDF, page by page, as search reads it: lines joined where a Chinese sentence was only wrapped (a PDF
 * breaks 公益\n金 wherever the line ended), runs of white space as one space, each page and the whole bounded.
 */
final class PdfText {

    /** Most of a page of dense Chinese is 2,000 characters; a page beyond this is cut (tables of numbers). */
    static final int MAX_PAGE_CHARS = 20_000;

    /** About a thousand dense pages: a report longer than this is searchable up to here. */
    static final int MAX_DOCUMENT_CHARS = 2_000_000;

    private static final Logger LOG = Logger.getLogger(PdfText.class);
    private static final Pattern WRAPPED_CHINESE = Pattern.compile(
            "(?<=[\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef])\\s+(?=[\\u3400-\\u9fff\\uff00-\\uffef])");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private PdfText() {}

    /** The text of each page, first page first; a page without text (a scan) is empty. */
    static List<String> pages(PDDocument document) {
        List<String> pages = new ArrayList<>();
        int total = 0;
        try {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            for (int page = 1; page <= document.getNumberOfPages() && total < MAX_DOCUMENT_CHARS; page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = normalised(stripper.getText(document));
                if (text.length() > Math.min(MAX_PAGE_CHARS, MAX_DOCUMENT_CHARS - total)) {
                    text = text.substring(0, Math.min(MAX_PAGE_CHARS, MAX_DOCUMENT_CHARS - total));
                }
                total += text.length();
                pages.add(text);
            }
        } catch (IOException | RuntimeException unreadable) {
            // the PDF was taken (it parses and is safe): its text is searchable as far as it could be read
            LOG.warnf("the text of a PDF could be read up to page %d: %s", pages.size(), unreadable.toString());
        }
        return pages;
    }

    static String normalised(String text) {
        String joined = WRAPPED_CHINESE.matcher(text).replaceAll("");
        return WHITE_SPACE.matcher(joined).replaceAll(" ").strip();
    }
}
