package bulletin.message;

import com.github.mustachejava.Binding;
import com.github.mustachejava.Code;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.reflect.GuardedBinding;
import com.github.mustachejava.reflect.MissingWrapper;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import com.github.mustachejava.util.Wrapper;
import java.util.List;

/**
 * Mustache.java renders a missing name as nothing; a newsletter that says "Dear ," is worse
 * than one that is not sent. This handler makes every name that resolves to nothing an error
 * (the pattern of the library's own FailOnMissingTest).
 */
final class StrictObjectHandler extends ReflectionObjectHandler {

    @Override
    public Binding createBinding(String name, TemplateContext context, Code code) {
        return new GuardedBinding(this, name, context, code) {
            @Override
            protected synchronized Wrapper getWrapper(String lookup, List<Object> scopes) {
                Wrapper wrapper = super.getWrapper(lookup, scopes);
                if (wrapper instanceof MissingWrapper) {
                    throw new MissingNameException(lookup, context);
                }
                return wrapper;
            }
        };
    }

    static final class MissingNameException extends MustacheException {
        final String name;
        final TemplateContext context;

        MissingNameException(String name, TemplateContext context) {
            super("no value for '" + name + "'", context);
            this.name = name;
            this.context = context;
        }
    }
}
