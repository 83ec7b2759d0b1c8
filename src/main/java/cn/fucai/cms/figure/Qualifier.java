package cn.fucai.cms.figure;

import java.util.Collection;

/**
 * How exact a printed figure is: "743.9万元" is exact, "5亿多元" is over 500 million, "约" is about, "不足" is under.
 * A sum keeps the weakest claim its parts allow.
 */
public enum Qualifier {
    exact,
    over,
    about,
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
