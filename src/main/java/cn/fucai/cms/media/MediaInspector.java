package cn.fucai.cms.media;

import cn.fucai.cms.common.error.UnsupportedMediaTypeException;
import com.luciad.imageio.webp.WebPImageReaderSpi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import net.coobird.thumbnailator.Thumbnails;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MimeTypes;

/**
 * Decides what an upload is from its bytes alone (Tika's magic-number detector: never the file name or the client's
 * Content-Type), refuses what the library does not take, and prepares what is served: an image without its metadata
 * and in a few widths, a PDF as it came once it is known to hold no script, launch action or attachment.
 */
@ApplicationScoped
class MediaInspector {

    /** The widths images are served in besides their own, narrowest first. */
    static final List<Integer> RENDITION_WIDTHS = List.of(320, 640, 1280);

    static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/webp", "image/gif");
    static final String PDF = "application/pdf";

    private static final Detector DETECTOR = MimeTypes.getDefaultMimeTypes();
    /** Actions a PDF may not carry: scripts, programs started, data sent or fetched. */
    private static final Set<COSName> REFUSED_ACTIONS = Set.of(
            COSName.getPDFName("JavaScript"),
            COSName.getPDFName("Launch"),
            COSName.getPDFName("ImportData"),
            COSName.getPDFName("SubmitForm"));

    static {
        System.setProperty("java.awt.headless", "true");
        ImageIO.setUseCache(false);
        ImageIO.scanForPlugins();
        // libwebp's reader came with its writer: uploads are decoded by TwelveMonkeys' pure-Java reader, and the native
        // code is given only pixels this service decoded itself, to encode
        IIORegistry registry = IIORegistry.getDefaultInstance();
        ImageReaderSpi nativeReader = registry.getServiceProviderByClass(WebPImageReaderSpi.class);
        if (nativeReader != null) {
            registry.deregisterServiceProvider(nativeReader, ImageReaderSpi.class);
        }
    }

    @Inject
    MediaConfig config;

    /** What an upload is and the files to store for it, in {@code work}. */
    record Prepared(
            String mediaType,
            Integer width,
            Integer height,
            Integer pages,
            Path served,
            Map<Integer, Path> renditions,
            Map<Integer, Path> webp,
            List<PdfText.PageText> pageTexts) {}

    Prepared prepare(Path upload, Path work) throws IOException {
        String detected = detect(upload);
        if (detected.equals(PDF)) {
            List<PdfText.PageText> texts = inspectPdf(upload);
            return new Prepared(PDF, null, null, texts.size(), upload, Map.of(), Map.of(), texts);
        }
        if (!IMAGE_TYPES.contains(detected)) {
            throw new UnsupportedMediaTypeException("the bytes are " + detected
                    + "; the library takes JPEG, PNG, WebP and GIF images and PDF documents, decided from the content");
        }
        Path stripped = work.resolve("served");
        int orientation;
        // buffered: the stripper reads a JPEG's scan byte by byte
        try (InputStream in = new BufferedInputStream(Files.newInputStream(upload), 65536);
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(stripped), 65536)) {
            orientation = MetadataStripper.strip(detected, in, out);
        }
        return images(detected, stripped, orientation, work);
    }

    private static String detect(Path upload) throws IOException {
        try (TikaInputStream stream = TikaInputStream.get(upload)) {
            String type = DETECTOR.detect(stream, new Metadata()).getBaseType().toString();
            if (type.equals(PDF) && !startsWith(upload, "%PDF-")) {
                // a PDF reader finds the header anywhere in the first kilobyte: room for a second format in front
                throw new UnsupportedMediaTypeException(
                        "a PDF must begin with %PDF-; this one has other bytes in front");
            }
            return type;
        }
    }

    /** Refuses a PDF that is encrypted, too long or active; answers the text of each of its pages. */
    private List<PdfText.PageText> inspectPdf(Path upload) {
        try (PDDocument document = Loader.loadPDF(new RandomAccessReadBufferedFile(upload.toFile()))) {
            if (document.isEncrypted()) {
                throw new UnsupportedMediaTypeException("the PDF is encrypted; upload it without a password");
            }
            int pages = document.getNumberOfPages();
            if (pages > config.maxPdfPages()) {
                throw new MediaTooLargeException(
                        "the PDF has " + pages + " pages; at most " + config.maxPdfPages() + " are taken");
            }
            for (COSObjectKey key : document.getDocument().getXrefTable().keySet()) {
                COSObject object = document.getDocument().getObjectFromPool(key);
                if (object.getObject() instanceof COSDictionary dictionary) {
                    refuseActive(dictionary);
                }
            }
            refuseActive(document.getDocumentCatalog().getCOSObject());
            List<PdfText.PageText> texts = new ArrayList<>(PdfText.pages(document));
            while (texts.size() < pages) {
                texts.add(new PdfText.PageText("", false)); // past what could be read
            }
            return texts;
        } catch (IOException | RuntimeException unreadable) {
            if (unreadable instanceof UnsupportedMediaTypeException || unreadable instanceof MediaTooLargeException) {
                throw (RuntimeException) unreadable;
            }
            throw new UnsupportedMediaTypeException("the PDF does not parse: it is damaged or not a PDF");
        }
    }

    private static void refuseActive(COSDictionary dictionary) {
        COSBase action = dictionary.getDictionaryObject(COSName.S);
        if (action instanceof COSName name && REFUSED_ACTIONS.contains(name)) {
            throw new UnsupportedMediaTypeException("the PDF carries a " + name.getName()
                    + " action; PDFs with scripts, launch, import or submit actions are refused");
        }
        if (dictionary.containsKey(COSName.JS) || dictionary.containsKey(COSName.getPDFName("JavaScript"))) {
            throw new UnsupportedMediaTypeException("the PDF carries JavaScript; PDFs with scripts are refused");
        }
        if (dictionary.containsKey(COSName.EMBEDDED_FILES) || dictionary.containsKey(COSName.getPDFName("XFA"))) {
            throw new UnsupportedMediaTypeException("the PDF carries embedded files or an XFA form; they are refused");
        }
    }

    private Prepared images(String mediaType, Path stripped, int orientation, Path work) throws IOException {
        BufferedImage image;
        int width;
        int height;
        try (ImageInputStream in = ImageIO.createImageInputStream(stripped.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(mediaType);
            if (!readers.hasNext()) {
                throw new IllegalStateException("no image reader for " + mediaType);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                width = reader.getWidth(0);
                height = reader.getHeight(0);
                if ((long) width * height > config.maxPixels()) {
                    throw new MediaTooLargeException("the image is " + width + " × " + height + " pixels; at most "
                            + config.maxPixels() + " pixels are taken");
                }
                // decode no larger than the widest rendition needs: a large photo never fills the heap
                int step = Math.max(1, Math.max(width, height) / RENDITION_WIDTHS.get(RENDITION_WIDTHS.size() - 1));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                image = reader.read(0, param);
                if (!warnings.isEmpty()) {
                    throw new UnsupportedMediaTypeException("the image is damaged: " + warnings.get(0));
                }
            } finally {
                reader.dispose();
            }
        } catch (IIOException | IndexOutOfBoundsException | IllegalArgumentException damaged) {
            throw new UnsupportedMediaTypeException("the " + mediaType + " image does not decode: it is damaged");
        }
        image = upright(image, orientation);
        if (orientation >= 5) {
            int swapped = width;
            width = height;
            height = swapped;
        }
        boolean photo = MediaFiles.renditionType(mediaType).equals("image/jpeg");
        String format = photo ? "jpg" : "png";
        Map<Integer, Path> renditions = new LinkedHashMap<>();
        Map<Integer, Path> webp = new LinkedHashMap<>();
        for (int target : RENDITION_WIDTHS) {
            if (target >= width) {
                break;
            }
            Path file = work.resolve("w" + target + "." + format);
            BufferedImage scaled =
                    Thumbnails.of(photo ? opaque(image) : image).width(target).asBufferedImage();
            Thumbnails.of(scaled)
                    .scale(1)
                    .outputFormat(format)
                    .outputQuality(photo ? 0.82f : 1.0f)
                    .toFile(file.toFile());
            renditions.put(target, file);
            Path webpFile = work.resolve("w" + target + ".webp");
            writeWebp(scaled, photo, webpFile);
            webp.put(target, webpFile);
        }
        return new Prepared(mediaType, width, height, null, stripped, renditions, webp, List.of());
    }

    /** A rendition as WebP: lossy at the JPEG renditions' quality for photographs, lossless for drawings. */
    private static void writeWebp(BufferedImage image, boolean photo, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByMIMEType("image/webp").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(photo ? "Lossy" : "Lossless");
            param.setCompressionQuality(photo ? 0.8f : 1.0f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** The image turned as its EXIF orientation says (1 upright, 3 upside down, 6 and 8 on their side, 2/4/5/7 mirrored). */
    private static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean sideways = orientation >= 5;
        AffineTransform turn = new AffineTransform();
        switch (orientation) {
            case 2 -> turn.setTransform(-1, 0, 0, 1, w, 0);
            case 3 -> turn.setTransform(-1, 0, 0, -1, w, h);
            case 4 -> turn.setTransform(1, 0, 0, -1, 0, h);
            case 5 -> turn.setTransform(0, 1, 1, 0, 0, 0);
            case 6 -> turn.setTransform(0, 1, -1, 0, h, 0);
            case 7 -> turn.setTransform(0, -1, -1, 0, h, w);
            default -> turn.setTransform(0, -1, 1, 0, 0, w);
        }
        BufferedImage turned = new BufferedImage(
                sideways ? h : w,
                sideways ? w : h,
                image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = turned.createGraphics();
        graphics.drawImage(image, turn, null);
        graphics.dispose();
        return turned;
    }

    /** The image on white, for JPEG, which has no transparency. */
    private static BufferedImage opaque(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        BufferedImage flat = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = flat.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        graphics.drawImage(image, 0, 0, null);
        graphics.dispose();
        return flat;
    }

    private static boolean startsWith(Path file, String prefix) throws IOException {
        byte[] expected = prefix.getBytes(StandardCharsets.ISO_8859_1);
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(expected.length), expected);
        }
    }
}
