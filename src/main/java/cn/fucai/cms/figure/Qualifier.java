package cn.fucai.cms.figure;

import cn.fucai.cms.common.http.WireEnum;
import cn.fucai.cms.common.http.WireEnum.Description;
import java.util.Collection;

/**
 * How exact a printed figure is: "743.9万元" is exact, "5亿多元" is over 500 million, "约" is about, "不足" is under.
 * A sum keeps the weakest claim its parts allow.
 */
public enum Qualifier implements WireEnum {
    @Description("精确值 (exact)")
    exact,
    @Description("多于，如“5亿多元” (over: the printed value is a floor)")
    over,
    @Description("约数，如“约5亿元” (about: the printed value is rounded)")
    about,
    @Description("不足，如“不足5亿元” (under: the printed value is a ceiling)")
    under;

    /** The qualifier of a sum: exact parts give exact; over and exact give over; under and exact give under; else about. */
    public static Qualifier ofSum(Collection<Qualifier> parts) {
        boolean anyOver = parts.contains(Qualifier.over);
        boolean anyUnder = parts.contains(Qualifier.under);
        if (parts.contains(Qualifier.about) || anyOver && anyUnder) {
            return Qualifier.about;
        }
        return anyOver ? Qualifier.over : anyUnder ? Qualifier.under : Qualifier.exact;
    }
}
