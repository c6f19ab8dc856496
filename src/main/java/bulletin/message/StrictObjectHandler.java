package bulletin.message;

import com.github.mustachejava.Binding;
import com.github.mustachejava.Code;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.reflect.GuardedBinding;
import com.github.mustachejava.reflect.MissingWrapper;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import com.github.mustachejava.util.Wrapper;
import java.util.List;

/**
 * Mustache.java renders a missing name as nothing; a newsletter that says "Dear ," is worse
 * than one that is not sent. This handler makes every value tag whose name resolves to nothing
 * an error (the pattern of the library's own FailOnMissingTest). A section ({@code {{#name}}} or
 * the inverted {@code {{^name}}}) is the template's own test of whether a recipient has a value,
 * so a missing name there is simply false: {@code {{^Prénom}}Bonjour{{/Prénom}}} is the fallback
 * Mustache users write. A section name that no recipient can have is refused by the caller
 * ({@link TemplateRenderer.Compiled#sectionNames()}).
 *
 * <p><b>Threads.</b> Mustache.java may render one template on several threads: the guarded
 * binding's lookup stays synchronized, as the library's own is.
 */
final class StrictObjectHandler extends ReflectionObjectHandler {

    @Override
    public Binding createBinding(String name, TemplateContext context, Code code) {
        return new GuardedBinding(this, name, context, code) {
            @Override
            protected synchronized Wrapper getWrapper(String lookup, List<Object> scopes) {
                Wrapper wrapper = super.getWrapper(lookup, scopes);
                if (wrapper instanceof MissingWrapper && !(code instanceof IterableCode)) {
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
