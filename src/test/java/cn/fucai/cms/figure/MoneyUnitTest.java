package cn.fucai.cms.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.fucai.cms.common.error.InvalidInputException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoneyUnitTest {

    @Test
    void convertsPrintedUnitsToYuanExactly() {
        assertEquals(new BigDecimal("7439000.00"), MoneyUnit.WAN_YUAN.toYuan("v", new BigDecimal("743.9")));
        assertEquals(new BigDecimal("2000000000.00"), MoneyUnit.YI_YUAN.toYuan("v", new BigDecimal("20")));
        assertEquals(new BigDecimal("123456789.01"), MoneyUnit.YI_YUAN.toYuan("v", new BigDecimal("1.2345678901")));
        assertEquals(new BigDecimal("0.01"), MoneyUnit.YUAN.toYuan("v", new BigDecimal("0.01")));
        assertEquals(new BigDecimal("0.01"), MoneyUnit.WAN_YUAN.toYuan("v", new BigDecimal("0.000001")));
        assertEquals(new BigDecimal("8000.00"), MoneyUnit.YUAN.toYuan("v", new BigDecimal("8000.000")));
    }

    @Test
    void refusesMorePrecisionThanAFenAndNegativeAmounts() {
        InvalidInputException tooPrecise = assertThrows(
                InvalidInputException.class,
                () -> MoneyUnit.WAN_YUAN.toYuan("amount.value", new BigDecimal("0.0000001")));
        assertEquals("amount.value", tooPrecise.violations().get(0).field());
        assertThrows(InvalidInputException.class, () -> MoneyUnit.YUAN.toYuan("v", new BigDecimal("0.001")));
        assertThrows(InvalidInputException.class, () -> MoneyUnit.YI_YUAN.toYuan("v", new BigDecimal("0.00000000001")));
        InvalidInputException negative =
                assertThrows(InvalidInputException.class, () -> MoneyUnit.YUAN.toYuan("v", new BigDecimal("-1")));
        assertEquals(
                "must not be negative; was -1", negative.violations().get(0).message());
        assertThrows(InvalidInputException.class, () -> MoneyUnit.parse("unit", "千元"));
        assertEquals(MoneyUnit.YI_YUAN, MoneyUnit.parse("unit", "亿元"));
    }

    @Test
    void aSumKeepsTheWeakestClaimOfItsParts() {
        assertEquals(Qualifier.exact, Qualifier.ofSum(List.of(Qualifier.exact, Qualifier.exact)));
        assertEquals(Qualifier.over, Qualifier.ofSum(List.of(Qualifier.exact, Qualifier.over)));
        assertEquals(Qualifier.under, Qualifier.ofSum(List.of(Qualifier.under, Qualifier.exact)));
        assertEquals(Qualifier.about, Qualifier.ofSum(List.of(Qualifier.over, Qualifier.under)));
        assertEquals(Qualifier.about, Qualifier.ofSum(List.of(Qualifier.about, Qualifier.exact)));
    }
}
