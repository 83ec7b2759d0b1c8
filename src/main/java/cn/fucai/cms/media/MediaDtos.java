package cn.fucai.cms.media;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Media library records on the wire. */
public final class MediaDtos {

    private MediaDtos() {}

    /** What describes an item: given with the upload, replaced by PUT. */
    @Schema(name = "MediaDescription", description = "What an image or PDF shows, in its locale and in others")
    public record MediaDescription(
            @Size(max = 35) @Schema(description = "BCP 47 tag of the texts; zh-CN when left out", example = "zh-CN")
            String locale,

            @Size(max = 300) @Schema(nullable = true, example = "2019年温州市福彩公益金使用情况公告")
            String title,

            @Size(max = 1000)
            @Schema(
                    nullable = true,
                    description = "What the image shows, for readers who cannot see it",
                    example = "温州市福彩中心工作人员向养老院老人发放慰问品")
            String alt,

            @Size(max = 2000) @Schema(nullable = true, example = "2019年重阳节慰问活动")
            String caption,

            @Size(max = 300) @Schema(description = "Author or source", nullable = true, example = "温州市福彩中心")
            String credit,

            @Size(max = 20) @Schema(description = "The texts in other locales", nullable = true)
            List<@Valid @NotNull MediaText> translations,

            @Valid
            @Schema(
                    nullable = true,
                    description = "Where the image's subject is; left out, the image keeps the one it has (the centre"
                            + " until set). Articles whose cover it is follow it. None for a PDF")
            FocalPoint focalPoint) {

        static final MediaDescription NONE = new MediaDescription(null, null, null, null, null, null, null);
    }

    /** A file of another site to import into a publisher's library, with what describes it. */
    @Schema(
            name = "MediaImport",
            description = "The address of an image or PDF on another site, to import as if uploaded")
    public record MediaImport(
            @NotBlank
            @Size(max = 100)
            @Schema(description = "Publisher (id or slug) whose library it joins", example = "wenzhou-fucai")
            String publisher,

            @NotBlank
            @Size(max = 2000)
            @Schema(
                    description = "http or https address of the file on a public host",
                    example = "https://mmbiz.qpic.cn/mmbiz_jpg/abc/640?wx_fmt=jpeg")
            String url,

            @Size(max = 35) @Schema(description = "BCP 47 tag of the texts; zh-CN when left out", example = "zh-CN")
            String locale,

            @Size(max = 300) @Schema(nullable = true) String title,

            @Size(max = 1000)
            @Schema(nullable = true, description = "What the image shows, for readers who cannot see it")
            String alt,

            @Size(max = 2000) @Schema(nullable = true) String caption,

            @Size(max = 300) @Schema(description = "Author or source", nullable = true, example = "温州福彩微信公众号")
            String credit) {

        MediaDescription description() {
            return new MediaDescription(locale, title, alt, caption, credit, List.of(), null);
        }
    }

    @Schema(name = "MediaText", description = "Title, alt text and caption in another locale")
    public record MediaText(
            @NotBlank @Size(max = 35) @Schema(example = "en")
            String locale,

            @Size(max = 300) @Schema(nullable = true, example = "2019 report on the Wenzhou public-welfare fund")
            String title,

            @Size(max = 1000)
            @Schema(nullable = true, example = "Staff of the Wenzhou welfare lottery centre visit a care home")
            String alt,

            @Size(max = 2000) @Schema(nullable = true) String caption) {}

    @Schema(name = "MediaUse", description = "Content that uses an item: an article or a figure")
    public record MediaUse(
            @Schema(description = "article, sales-figure, fund-figure or indicator-figure", example = "article")
            String kind,

            UUID id,

            @Schema(description = "Whether that content is public, and so the item with it")
            boolean visible) {}

    @Schema(
            name = "DocumentText",
            description =
                    "How much of a PDF search finds: pages whose text was in the PDF, scanned pages read by OCR, and"
                            + " scanned pages still waiting; the rest of its pages have no text")
    public record DocumentText(
            @Schema(example = "20") int pages,

            @Schema(description = "Pages whose text was in the PDF", example = "2")
            int withText,

            @Schema(description = "Scanned pages OCR has read", example = "17")
            int readByOcr,

            @Schema(description = "Scanned pages waiting for OCR", example = "1")
            int awaitingOcr,

            @Schema(description = "Scanned pages OCR failed on three times and leaves alone", example = "0")
            int unreadable) {}

    @Schema(name = "DocumentPageHit", description = "A page of a PDF of the library that says what was searched for")
    public record PageHit(
            DocumentRef document,

            @Schema(nullable = true) String title,

            @Schema(description = "The page, from 1: open `document.url#page=N`", example = "3")
            int page,

            @Schema(
                    description = "The passage that shows the words: HTML-escaped text, each hit in <mark>",
                    example = "…资助<mark>养老</mark>服务机构12家…")
            String snippet,

            @Schema(
                    description =
                            "Whether the page is a scan whose words OCR read: they may be misread, so quote the PDF")
            boolean ocr) {}
}
