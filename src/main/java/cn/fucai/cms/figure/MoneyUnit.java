package cn.fucai.cms.figure;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.http.WireEnum;
import cn.fucai.cms.common.http.WireEnum.Description;
import java.math.BigDecimal;

/** The units Chinese disclosures print money in, and their exact factor to yuan. */
enum MoneyUnit implements WireEnum {
    @Description("元 (yuan)")
    YUAN("元", 0),
    @Description("万元，一万元 (ten thousand yuan)")
    WAN_YUAN("万元", 4),
    @Description("亿元，一亿元 (a hundred million yuan)")
    YI_YUAN("亿元", 8);

    /** Amounts are stored to the fen: two decimals of a yuan. */
    static final int YUAN_SCALE = 2;
    /** Amounts are stored in numeric(20, 2): less than 10^18 yuan. */
    static final int YUAN_DIGITS = 18;

    static final String CURRENCY = "CNY";

    final String printed;
    private final int powerOfTen;

    MoneyUnit(String printed, int powerOfTen) {
        this.printed = printed;
        this.powerOfTen = powerOfTen;
    }

    @Override
    public String wireName() {
        return printed;
    }

    static MoneyUnit parse(String field, String unit) {
        for (MoneyUnit candidate : values()) {
            if (candidate.printed.equals(unit)) {
                return candidate;
            }
        }
        throw new InvalidInputException(field, "must be one of 元, 万元, 亿元; was " + InvalidInputException.quoted(unit));
    }

    /**
     * The value in yuan, exactly: 743.9 万元 is 7439000.00. More decimals than the fen allows (0.000001 万元 is a
     * hundredth of a fen), negative amounts and amounts of 10^18 yuan or more are refused, naming the field. The value
     * is already bounded ({@code DecimalText}), so none of this arithmetic can be costly.
     */
    BigDecimal toYuan(String field, BigDecimal value) {
        if (value.signum() < 0) {
            throw new InvalidInputException(field, "must not be negative; was " + value);
        }
        BigDecimal yuan = value.movePointRight(powerOfTen).stripTrailingZeros();
        if (yuan.scale() > YUAN_SCALE) {
            throw new InvalidInputException(
                    field,
                    "has more decimals than a fen allows in " + printed + " (at most " + YUAN_SCALE + powerOfTen
                            + "); was " + value);
        }
        if (yuan.precision() - yuan.scale() > YUAN_DIGITS) {
            throw new InvalidInputException(
                    field,
                    "must be less than 10^" + YUAN_DIGITS + " yuan (" + printed + " "
                            + BigDecimal.ONE
                                    .movePointRight(YUAN_DIGITS - powerOfTen)
                                    .toPlainString() + "); was " + value);
        }
        return yuan.setScale(YUAN_SCALE);
    }
}
