package cn.fucai.cms.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A JSON value the service cannot store as sent: text PostgreSQL cannot hold, or a date out of range; the field is named. */
public class InvalidTextException extends MismatchedInputException {

    InvalidTextException(JsonParser parser, String message) {
        super(parser, message, String.class);
    }
}
