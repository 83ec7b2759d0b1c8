package cn.fucai.cms.media;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jboss.logging.Logger;

/**
 * The text of a PDF, page by page, as search reads it: lines joined where a Chinese sentence was only wrapped (a PDF
 * breaks 公益\n金 wherever the line ended), runs of white space as one space, each page and the whole bounded. A page that
 * is an image with next to no text is a scan: OCR reads it later ({@link ScannedPages}).
 */
final class PdfText {

    /** Most of a page of dense Chinese is 2,000 characters; a page beyond this is cut (tables of numbers). */
    static final int MAX_PAGE_CHARS = 20_000;

    /** About a thousand dense pages: a report longer than this is searchable up to here. */
    static final int MAX_DOCUMENT_CHARS = 2_000_000;

    /** Fewer letters and digits than this on a page that shows an image: a scan (a page number or stamp at most). */
    static final int SCAN_TEXT_CHARS = 16;

    private static final Logger LOG = Logger.getLogger(PdfText.class);
    private static final Pattern WRAPPED_CHINESE = Pattern.compile(
            "(?<=[\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef])\\s+(?=[\\u3400-\\u9fff\\uff00-\\uffef])");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private PdfText() {}

    /** The text of a page, and whether the page is a scan whose words only OCR can read. */
    record PageText(String text, boolean scanned) {}

    /** The text of each page, first page first; a scan has no text. */
    static List<PageText> pages(PDDocument document) {
        List<PageText> pages = new ArrayList<>();
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
                if (letters(text) < SCAN_TEXT_CHARS
                        && drawsImage(document.getPage(page - 1).getResources(), 0)) {
                    pages.add(new PageText("", true));
                } else {
                    total += text.length();
                    pages.add(new PageText(text, false));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // the PDF was taken (it parses and is safe): its text is searchable as far as it could be read
            LOG.warnf("the text of a PDF could be read up to page %d: %s", pages.size(), unreadable.toString());
        }
        return pages;
    }

    private static long letters(String text) {
        return text.codePoints().filter(Character::isLetterOrDigit).count();
    }

    /** Whether the resources draw an image, themselves or through the forms they draw (scanners wrap pages in forms). */
    private static boolean drawsImage(PDResources resources, int depth) throws IOException {
        if (resources == null || depth > 3) {
            return false;
        }
        for (COSName name : resources.getXObjectNames()) {
            if (resources.isImageXObject(name)
                    || resources.getXObject(name) instanceof PDFormXObject form
                            && drawsImage(form.getResources(), depth + 1)) {
                return true;
            }
        }
        return false;
    }

    static String normalised(String text) {
        String joined = WRAPPED_CHINESE.matcher(text).replaceAll("");
        return WHITE_SPACE.matcher(joined).replaceAll(" ").strip();
    }
}
