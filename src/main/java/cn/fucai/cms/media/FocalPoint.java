package cn.fucai.cms.media;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where the subject of an image is, as fractions of its width and height from its top left corner: a page that crops
 * the image to another shape keeps this point in view (in CSS, {@code object-position: x*100% y*100%}).
 */
@Schema(
        name = "FocalPoint",
        description = "Where the subject of an image is, as fractions of its width and height from the top left: crop"
                + " around it (CSS `object-fit: cover; object-position: {x×100}% {y×100}%` keeps it in view)")
public record FocalPoint(
        @NotNull @DecimalMin("0") @DecimalMax("1") @Schema(minimum = "0", maximum = "1", example = "0.5")
        Double x,

        @NotNull @DecimalMin("0") @DecimalMax("1") @Schema(minimum = "0", maximum = "1", example = "0.3")
        Double y) {

    /** The middle of the image: where a page crops around when nobody said otherwise. */
    public static final FocalPoint CENTRE = new FocalPoint(0.5, 0.5);
}
