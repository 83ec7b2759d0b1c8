package cn.fucai.cms.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.fucai.cms.common.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The file name of a Content-Disposition header, written and read as RFC 6266 and RFC 8187 say. */
class ContentDispositionTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "attachment; filename*=UTF-8''%E5%85%AC%E5%91%8A.pdf                     | 公告.pdf",
                "attachment; filename*=utf-8'zh-CN'%E5%85%AC%E5%91%8A.pdf                | 公告.pdf",
                "attachment; filename*=ISO-8859-1''caf%E9.pdf                             | café.pdf",
                "attachment; filename*=UTF-8''a+b.pdf                                     | a+b.pdf",
                "attachment; filename=\"report.pdf\"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf | 报告.pdf",
                "attachment; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf; filename=\"report.pdf\" | 报告.pdf",
                "attachment; filename=\"report 2019.pdf\"                                 | report 2019.pdf",
                "attachment; filename=report.pdf                                          | report.pdf",
                "inline; filename*=GBK''%B9%AB%B8%E6.pdf; filename=\"notice.pdf\"          | notice.pdf"
            })
    void readsTheNameFilenameStarFirst(String header, String name) {
        assertEquals(name, ContentDisposition.fileName(header));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "attachment; filename*=UTF-8''%ZZ.pdf",
                "attachment; filename*=UTF-8''%E5.pdf",
                "attachment; filename*=UTF-8''%E5%85",
                "attachment; filename*=UTF-8''公告.pdf",
                "attachment; filename*=UTF-8''50%"
            })
    void aFilenameStarThatIsNotPercentEncodedTextIsRefusedNamingTheHeader(String header) {
        InvalidInputException refused =
                assertThrows(InvalidInputException.class, () -> ContentDisposition.fileName(header));
        assertEquals("Content-Disposition", refused.violations().get(0).field());
    }

    @Test
    void noHeaderOrNoNameIsNoName() {
        assertNull(ContentDisposition.fileName(null));
        assertNull(ContentDisposition.fileName("attachment"));
    }

    @Test
    void writesTheNamePercentEncodedInUtf8() {
        assertEquals(
                "inline; filename*=UTF-8''2019%E5%B9%B4%20%E5%85%AC%E5%91%8A.pdf",
                ContentDisposition.of("inline", "2019年 公告.pdf"));
        assertEquals("公告 2019.pdf", ContentDisposition.fileName(ContentDisposition.of("inline", "公告 2019.pdf")));
    }
}
