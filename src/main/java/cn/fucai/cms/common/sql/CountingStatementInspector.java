package cn.fucai.cms.common.sql;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/** Counts each statement Hibernate prepares, for {@link StatementCount}; the SQL passes unchanged. */
@PersistenceUnitExtension
public class CountingStatementInspector implements StatementInspector {

    @Override
    public String inspect(String sql) {
        StatementCount.increment();
        return sql;
    }
}
