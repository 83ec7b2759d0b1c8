package cn.fucai.cms.media;

import cn.fucai.cms.common.json.StoredJson;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A PDF of the media library as content cites it (a figure's source report): what a reader needs to open it. The
 * facts of a file never change, so content keeps the reference as it was resolved when it was written.
 */
@Schema(name = "DocumentRef", description = "A PDF of the media library as content cites it")
public record DocumentRef(
        UUID id,

        @Schema(
                description = "SHA-256 of the document's content, hex: the file never changes",
                example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        String sha256,

        @Schema(
                description = "The PDF as served; add #page=N to open it at a page",
                example = "https://cms.example.org/api/v1/media-files/"
                        + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08/original")
        String url,

        @Schema(example = "2019年温州市福彩公益金使用情况公告.pdf") String originalName,
        @Schema(example = "12") int pages) {

    /** This reference as content stores it (a jsonb column). */
    public String toJson() {
        return StoredJson.write(this);
    }

    /** A reference as content stored it; null stays null. */
    public static DocumentRef fromJson(String json) {
        return StoredJson.read(json, DocumentRef.class);
    }
}
